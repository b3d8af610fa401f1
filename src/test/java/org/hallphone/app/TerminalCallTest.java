package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.MediaStats;
import org.hallphone.call.Outcome;
import org.hallphone.media.FileDevice;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.Closer;
import org.hallphone.testing.Correlation;
import org.hallphone.testing.SocatPair;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole terminal, without a window, against real peers: jssc on a socat pty pair as the handset and sipp as
 * the contact centre. The test writes {@code OFFHOOK}/{@code ONHOOK} into the other end of the pty.
 */
class TerminalCallTest {

    private static final Duration PATIENCE = TerminalRig.PATIENCE;
    private static final Pattern INVITE = Pattern.compile("(?m)^INVITE sip:");

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private Sipp sipp;
    private TerminalRig rig;
    private Terminal terminal;

    private void startTerminal(String scenario, FileDevice audio, String... sippArgs) throws Exception {
        startConfigured(scenario, audio, new String[0], sippArgs);
    }

    private void startConfigured(String scenario, FileDevice audio, String[] configLines, String... sippArgs)
            throws Exception {
        sipp = closer.add(Sipp.uas(scenario, sippArgs));
        rig = closer.add(TerminalRig.start(dir, sipp.target(), audio, configLines));
        terminal = rig.terminal();
    }

    private CallState state() {
        return rig.state();
    }

    private void awaitState(CallState wanted) {
        rig.awaitState(wanted);
    }

    private CallRecord onlyRow() {
        return rig.onlyRow();
    }

    /** True once the terminal has done anything towards a call: left rest, sent an INVITE or logged a row. */
    private boolean anyCall() {
        return state() != CallState.IDLE || sipp.messageLog().contains("INVITE sip:") || !rig.rows().isEmpty();
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

        rig.handset("OFFHOOK\r\n");
        awaitState(CallState.TALKING);
        String invite = firstMessage(sipp.messageLog(), "INVITE sip:");
        assertTrue(invite.contains("X-Hallphone-Terminal: e2e-hall1"), invite);
        assertTrue(invite.contains("X-Hallphone-Attempt: 1"), invite);
        assertTrue(invite.matches("(?s).*User-Agent: Hallphone/\\S+.*"), invite);
        assertTrue(invite.contains("From: \"Поликлиника №1, холл\""), invite);
        assertTrue(invite.matches("(?s).*m=audio \\d+ RTP/AVP 0 8 101.*"), invite);
        assertTrue(invite.contains("a=rtpmap:101 telephone-event/8000"), invite);
        assertTrue(invite.contains("a=ptime:20"), invite);

        // Talk until the earpiece has played four seconds: the echo of the noise comes back through sipp.
        Wait.until("four seconds in the earpiece, the last of them the echo", PATIENCE,
                () -> audio.recorded().length > 4 * 8000);
        rig.handset("ONHOOK\r\n");
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
        assertTrue(row.talkSeconds() >= 1 && row.talkSeconds() <= 20, "talk_s " + row.talkSeconds());
    }

    @Test
    void theAudioClockRunsDuringACallAndNotBetweenCalls() throws Exception {
        startTerminal("uas", FileDevice.silence(), "-rtp_echo", "-m", "2");
        assertFalse(terminal.media().clockRunning(), "an idle terminal does no audio work");

        rig.handset("OFFHOOK\n");
        awaitState(CallState.TALKING);
        assertTrue(terminal.media().clockRunning(), "the clock carries the call's audio");
        rig.handset("ONHOOK\n");
        awaitState(CallState.IDLE);
        Wait.until("the audio clock to stop after the call", PATIENCE, () -> !terminal.media().clockRunning());

        rig.handset("OFFHOOK\n");
        awaitState(CallState.TALKING);
        assertTrue(terminal.media().clockRunning(), "and starts again for the next call");
        rig.handset("ONHOOK\n");
        awaitState(CallState.IDLE);
        assertEquals(2, rig.rows().size());
    }

    @Test
    void replacingWhileRingingCancelsAndLogsAbandoned() throws Exception {
        startTerminal("uas-ring-cancel.xml", FileDevice.silence());
        rig.handset("OFFHOOK\n");
        awaitState(CallState.RINGING);
        rig.handset("ONHOOK\n");
        awaitState(CallState.IDLE);
        assertEquals(0, sipp.awaitExit(PATIENCE), "sipp saw CANCEL and the ACK of the 487: " + sipp.diagnostics());
        CallRecord row = onlyRow();
        assertEquals(Outcome.ABANDONED, row.outcome());
        assertEquals(EndedBy.PATIENT, row.endedBy());
    }

    @Test
    void busyIsLoggedAndThePatientIsToldSo() throws Exception {
        startTerminal("uas-busy.xml", FileDevice.silence());
        rig.handset("OFFHOOK\n");
        awaitState(CallState.ENDED);
        CallRecord row = onlyRow();
        assertEquals(Outcome.BUSY, row.outcome());
        assertEquals(486, row.sipStatus());
        assertEquals(Outcome.BUSY, terminal.calls().snapshot().lastOutcome());
        rig.handset("ONHOOK\n");
        awaitState(CallState.IDLE);
    }

    @Test
    void farEndHangUpWhileLiftedNeverRedials() throws Exception {
        startTerminal("uas-remote-bye.xml", FileDevice.silence());
        rig.handset("OFFHOOK\n");
        awaitState(CallState.TALKING);
        awaitState(CallState.ENDED);
        CallRecord row = onlyRow();
        assertEquals(Outcome.ANSWERED, row.outcome());
        assertEquals(EndedBy.REMOTE, row.endedBy());
        // with call.cycles=1 and a 5 s ring time, a (wrong) redial would go out at once
        Wait.never("a redial after the far end hung up, or the terminal leaving 'please hang up'",
                Duration.ofSeconds(3),
                () -> count(sipp.messageLog(), INVITE) > 1 || state() != CallState.ENDED);
        rig.handset("ONHOOK\n");
        awaitState(CallState.IDLE);
    }

    @Test
    void handsetUnpluggedDuringACallLetsTheCallGoOnAndComesBackByItself() throws Exception {
        startTerminal("uas", FileDevice.silence(), "-rtp_echo");
        rig.handset("OFFHOOK\n");
        awaitState(CallState.TALKING);

        rig.unplugHandset(); // the cable is pulled: both ptys vanish
        Wait.until("the handset to be reported lost", PATIENCE, () -> !terminal.calls().snapshot().handsetConnected());
        Wait.never("the call to end because the handset was unplugged", Duration.ofSeconds(1),
                () -> state() != CallState.TALKING);

        rig.plugHandsetBackIn(); // at the same path
        Wait.until("the handset to come back", PATIENCE, () -> terminal.calls().snapshot().handsetConnected());
        rig.handset("OFFHOOK\n"); // a text device repeats its state
        Wait.never("the repeated OFFHOOK of the plugged-in handset to disturb the call", Duration.ofSeconds(1),
                () -> state() != CallState.TALKING);
        rig.handset("ONHOOK\n");
        awaitState(CallState.IDLE);
        CallRecord row = onlyRow();
        assertEquals(Outcome.ANSWERED, row.outcome());
        assertEquals(EndedBy.PATIENT, row.endedBy());
    }

    /**
     * A contact that bounces for a tenth of a second places no call; the steady lift after it does. The debounce
     * window (3 s) is far longer than the bounce and than any stall of a loaded machine, so only a debouncer that
     * lets a reading through before the window has passed can place a call from the bounce; the steady lift
     * proves the window does end.
     */
    @Test
    void chatteringContactPlacesNoCall() throws Exception {
        Duration window = Duration.ofSeconds(3);
        startConfigured("uas", FileDevice.silence(), new String[] {"handset.debounce-ms=" + window.toMillis()});
        for (int i = 0; i < 5; i++) {
            rig.handset("OFFHOOK\n");
            Thread.sleep(10); // the bounce: far shorter than the window, however much a stall stretches it
            rig.handset("ONHOOK\n");
            Thread.sleep(10);
        }
        Wait.never("a call placed by the chatter of the hook contact", window.plusSeconds(1), this::anyCall);

        rig.handset("OFFHOOK\n"); // held: once the window has passed, the call goes out
        awaitState(CallState.TALKING);
        rig.handset("ONHOOK\n");
        awaitState(CallState.IDLE);
        assertEquals(Outcome.ANSWERED, onlyRow().outcome());
        assertEquals(1, count(sipp.messageLog(), INVITE), "the steady lift's INVITE only");
    }

    /** A lift shorter than the warm-line delay (4 s: far longer than any stall) places no call; a held one does. */
    @Test
    void liftAndReplaceWithinTheWarmLineDelayPlacesNoCall() throws Exception {
        Duration delay = Duration.ofSeconds(4);
        startConfigured("uas", FileDevice.silence(), new String[] {"handset.dial-delay-ms=" + delay.toMillis()});
        rig.handset("OFFHOOK\n");
        Wait.until("the lift to be seen", PATIENCE, () -> terminal.handset().lifted());
        rig.handset("ONHOOK\n");
        Wait.until("the replace to be seen", PATIENCE, () -> !terminal.handset().lifted());
        Wait.never("a call placed by a lift shorter than the warm-line delay", delay.plusSeconds(1), this::anyCall);

        rig.handset("OFFHOOK\n"); // held past the delay: the call goes out
        awaitState(CallState.TALKING);
        rig.handset("ONHOOK\n");
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
