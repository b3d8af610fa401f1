package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.MediaStats;
import org.hallphone.call.Outcome;
import org.hallphone.config.ConfigLoader;
import org.hallphone.media.FileDevice;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.Correlation;
import org.hallphone.testing.SocatPair;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole terminal, without a window, against real peers: jssc on a socat pty pair as the handset and sipp as
 * the contact centre. The test writes {@code OFFHOOK}/{@code ONHOOK} into the other end of the pty.
 */
class TerminalCallTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private SocatPair serial;
    private Sipp sipp;
    private Terminal terminal;

    @AfterEach
    void stopAll() {
        if (terminal != null) {
            terminal.close();
        }
        if (sipp != null) {
            sipp.close();
        }
        if (serial != null) {
            serial.close();
        }
    }

    /** A configuration file as a technician writes it, with the handset on the pty and sipp as the only target. */
    static Path writeConfig(Path dir, Path port, String target, String... extra) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("terminal.id", "e2e-hall1");
        keys.put("terminal.name", "Поликлиника №1, холл");
        keys.put("handset.port", port.toString());
        keys.put("handset.mode", "text");
        keys.put("handset.debounce-ms", "20");
        keys.put("sip.local-address", "127.0.0.1");
        keys.put("sip.local-port", "0");
        keys.put("call.targets", target);
        keys.put("call.ring-timeout-s", "5");
        keys.put("call.cycles", "1");
        keys.put("audio.playback-device", "null-device");
        keys.put("audio.capture-device", "null-device");
        keys.put("calllog.dir", dir.resolve("calls").toString());
        for (String line : extra) {
            int eq = line.indexOf('=');
            keys.put(line.substring(0, eq), line.substring(eq + 1));
        }
        StringBuilder text = new StringBuilder("# written by a test\n");
        keys.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private void startTerminal(String scenario, FileDevice audio, String... sippArgs) throws Exception {
        startConfigured(scenario, audio, new String[0], sippArgs);
    }

    private void startConfigured(String scenario, FileDevice audio, String[] configLines, String... sippArgs)
            throws Exception {
        sipp = Sipp.uas(scenario, sippArgs);
        serial = new SocatPair(dir).start();
        Path config = writeConfig(dir, serial.a(), sipp.target(), configLines);
        terminal = Terminal.start(ConfigLoader.load(config), false, Clock.systemDefaultZone(), audio);
        Wait.until("the handset port to open", PATIENCE, () -> terminal.handset().connected());
    }

    private CallState state() {
        return terminal.calls().snapshot().state();
    }

    private void awaitState(CallState wanted) {
        Wait.until("state " + wanted + " (now " + state() + ")", PATIENCE, () -> state() == wanted);
    }

    private CallRecord onlyRow() {
        List<CallRecord> rows = terminal.callLog().recent(10);
        assertEquals(1, rows.size(), "exactly one row: " + rows);
        return rows.get(0);
    }

    /** Four seconds of reproducible noise at about -16 dBFS: any piece of it is found again only where it was. */
    static short[] noise() {
        Random random = new Random(4475);
        short[] samples = new short[4 * 8000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (random.nextGaussian() * 4000);
        }
        return samples;
    }

    @Test
    void liftCallsTalksBothWaysAndHangsUp() throws Exception {
        short[] sent = noise();
        FileDevice audio = FileDevice.samples(sent);
        startTerminal("uas", audio, "-rtp_echo");

        serial.write("OFFHOOK\r\n");
        awaitState(CallState.TALKING);
        String invite = firstMessage(sipp.messageLog(), "INVITE sip:");
        assertTrue(invite.contains("X-Hallphone-Terminal: e2e-hall1"), invite);
        assertTrue(invite.contains("X-Hallphone-Attempt: 1"), invite);
        assertTrue(invite.matches("(?s).*User-Agent: Hallphone/\\S+.*"), invite);
        assertTrue(invite.contains("From: \"Поликлиника №1, холл\""), invite);
        assertTrue(invite.matches("(?s).*m=audio \\d+ RTP/AVP 0 8 101.*"), invite);
        assertTrue(invite.contains("a=rtpmap:101 telephone-event/8000"), invite);
        assertTrue(invite.contains("a=ptime:20"), invite);

        // Two seconds of talk: the echo of the noise comes back through sipp into the earpiece.
        Thread.sleep(2000);
        serial.write("ONHOOK\r\n");
        awaitState(CallState.IDLE);
        Wait.until("sipp to receive the BYE", PATIENCE, () -> sipp.messageLog().contains("BYE sip:"));

        MediaStats stats = terminal.media().lastCallStats();
        assertTrue(stats.packetsSent() >= 50, "RTP sent: " + stats);
        assertTrue(stats.packetsReceived() >= 50, "RTP received: " + stats);

        short[] heard = audio.recorded();
        double match = bestMatch(heard, sent);
        assertTrue(match > 0.99, "the echoed audio is what was sent (normalised correlation " + match + ")");

        CallRecord row = onlyRow();
        assertEquals(Outcome.ANSWERED, row.outcome());
        assertEquals(EndedBy.PATIENT, row.endedBy());
        assertEquals(200, row.sipStatus());
        assertEquals(1, row.attempts());
        assertEquals(sipp.target(), row.target());
        assertTrue(row.talkSeconds() >= 1 && row.talkSeconds() <= 10, "talk_s " + row.talkSeconds());
    }

    @Test
    void theAudioClockRunsDuringACallAndNotBetweenCalls() throws Exception {
        startTerminal("uas", FileDevice.silence(), "-rtp_echo", "-m", "2");
        assertFalse(terminal.media().clockRunning(), "an idle terminal does no audio work");

        serial.write("OFFHOOK\n");
        awaitState(CallState.TALKING);
        assertTrue(terminal.media().clockRunning(), "the clock carries the call's audio");
        serial.write("ONHOOK\n");
        awaitState(CallState.IDLE);
        Wait.until("the audio clock to stop after the call", PATIENCE, () -> !terminal.media().clockRunning());

        serial.write("OFFHOOK\n");
        awaitState(CallState.TALKING);
        assertTrue(terminal.media().clockRunning(), "and starts again for the next call");
        serial.write("ONHOOK\n");
        awaitState(CallState.IDLE);
        assertEquals(2, terminal.callLog().recent(10).size());
    }

    @Test
    void replacingWhileRingingCancelsAndLogsAbandoned() throws Exception {
        startTerminal("uas-ring-cancel.xml", FileDevice.silence());
        serial.write("OFFHOOK\n");
        awaitState(CallState.RINGING);
        serial.write("ONHOOK\n");
        awaitState(CallState.IDLE);
        assertEquals(0, sipp.awaitExit(PATIENCE), "sipp saw CANCEL and the ACK of the 487: " + sipp.diagnostics());
        CallRecord row = onlyRow();
        assertEquals(Outcome.ABANDONED, row.outcome());
        assertEquals(EndedBy.PATIENT, row.endedBy());
    }

    @Test
    void busyIsLoggedAndThePatientIsToldSo() throws Exception {
        startTerminal("uas-busy.xml", FileDevice.silence());
        serial.write("OFFHOOK\n");
        awaitState(CallState.ENDED);
        CallRecord row = onlyRow();
        assertEquals(Outcome.BUSY, row.outcome());
        assertEquals(486, row.sipStatus());
        assertEquals(Outcome.BUSY, terminal.calls().snapshot().lastOutcome());
        serial.write("ONHOOK\n");
        awaitState(CallState.IDLE);
    }

    @Test
    void farEndHangUpWhileLiftedNeverRedials() throws Exception {
        startTerminal("uas-remote-bye.xml", FileDevice.silence());
        serial.write("OFFHOOK\n");
        awaitState(CallState.TALKING);
        awaitState(CallState.ENDED);
        CallRecord row = onlyRow();
        assertEquals(Outcome.ANSWERED, row.outcome());
        assertEquals(EndedBy.REMOTE, row.endedBy());
        Thread.sleep(1500); // a redial would have gone out by now
        assertEquals(1, count(sipp.messageLog(), Pattern.compile("(?m)^INVITE sip:")), "one INVITE only");
        assertEquals(CallState.ENDED, state(), "still asking the patient to hang up");
        serial.write("ONHOOK\n");
        awaitState(CallState.IDLE);
    }

    @Test
    void handsetUnpluggedDuringACallLetsTheCallGoOnAndComesBackByItself() throws Exception {
        startTerminal("uas", FileDevice.silence(), "-rtp_echo");
        serial.write("OFFHOOK\n");
        awaitState(CallState.TALKING);

        serial.kill(); // the cable is pulled: both ptys vanish
        Wait.until("the handset to be reported lost", PATIENCE, () -> !terminal.calls().snapshot().handsetConnected());
        Thread.sleep(500);
        assertEquals(CallState.TALKING, state(), "the call goes on without the handset");

        serial = new SocatPair(dir).start(); // plugged back in at the same path
        Wait.until("the handset to come back", PATIENCE, () -> terminal.calls().snapshot().handsetConnected());
        serial.write("OFFHOOK\n"); // a text device repeats its state
        Thread.sleep(300);
        assertEquals(CallState.TALKING, state());
        serial.write("ONHOOK\n");
        awaitState(CallState.IDLE);
        CallRecord row = onlyRow();
        assertEquals(Outcome.ANSWERED, row.outcome());
        assertEquals(EndedBy.PATIENT, row.endedBy());
    }

    @Test
    void chatteringContactPlacesNoCall() throws Exception {
        startConfigured("uas", FileDevice.silence(), new String[] {"handset.debounce-ms=200"});
        for (int i = 0; i < 5; i++) {
            serial.write("OFFHOOK\n");
            Thread.sleep(30);
            serial.write("ONHOOK\n");
            Thread.sleep(30);
        }
        Thread.sleep(1000);
        assertEquals(CallState.IDLE, state());
        assertEquals(List.of(), terminal.callLog().recent(10), "no call was placed");
    }

    @Test
    void liftAndReplaceWithinTheWarmLineDelayPlacesNoCall() throws Exception {
        startConfigured("uas", FileDevice.silence(), new String[] {"handset.dial-delay-ms=1500"});
        serial.write("OFFHOOK\n");
        Thread.sleep(400);
        serial.write("ONHOOK\n");
        Thread.sleep(2000);
        assertEquals(CallState.IDLE, state());
        assertEquals(List.of(), terminal.callLog().recent(10), "no call was placed");

        serial.write("OFFHOOK\n"); // held past the delay: the call goes out
        awaitState(CallState.TALKING);
        serial.write("ONHOOK\n");
        awaitState(CallState.IDLE);
        assertEquals(Outcome.ANSWERED, onlyRow().outcome());
    }

    static String firstMessage(String log, String startLine) {
        int at = log.indexOf(startLine);
        assertTrue(at >= 0, "no " + startLine + " in sipp's log:\n" + log);
        int end = log.indexOf("\n-----", at);
        return end < 0 ? log.substring(at) : log.substring(at, end);
    }

    static int count(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * How well a quarter second of what was heard matches the sent noise somewhere (normalised correlation, 1 =
     * the same samples). Three stretches late in the recording are tried and the best counts, so one concealed
     * packet on a loaded machine does not decide the result; audio that is not the sent noise matches none.
     */
    static double bestMatch(short[] heard, short[] sent) {
        assertTrue(heard.length > 8000, "too little audio heard: " + heard.length + " samples");
        double best = 0;
        for (int back = 8000; back <= 16000 && heard.length - back >= 0; back += 4000) {
            best = Math.max(best, Correlation.at(heard, heard.length - back, sent));
        }
        return best;
    }
}
