package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hallphone.media.PulseAudioServer;
import org.hallphone.media.ToneCheck;
import org.hallphone.testing.Baresip;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Kamailio;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's end-to-end check: a real softphone (baresip, registered to Kamailio, answering by itself) takes the
 * terminal's call. The terminal's microphone is a PulseAudio source playing a 700 Hz tone (the sine source, which
 * delivers 2 s blocks, or a null sink's monitor, which delivers small ones); its RTP is captured on loopback by
 * tshark and decoded: the tone must be in at least 98 % of the 20 ms packets between the first and the last that
 * carry it, within 2 dB of the source's level. The softphone ({@link Baresip}) sends a 1 kHz tone from a WAV file,
 * and the terminal's earpiece (a null sink, recorded from its monitor) must carry it the same way.
 */
class SoftphoneAudioTest {

    private static final String USER = "kiosk1";
    private static final String PASSWORD = "Kiosk-pa55";
    private static final String REP = "rep";
    private static final String REP_PASSWORD = "Rep-pa55";
    /** PulseAudio's module-sine-source: amplitude 0.5, i.e. -6.02 dBFS with a full-scale sine at 0. */
    private static final double MIC_HZ = 700;
    private static final double MIC_DBFS = -6.02;
    private static final int REP_HZ = 1000;
    /** The level of {@link Baresip}'s microphone tone. */
    private static final double REP_DBFS = -12;
    private static final int CALL_SECONDS = 12;

    @TempDir
    Path dir;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private PulseAudioServer pulse;
    private Kamailio kamailio;
    private Baresip baresip;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Peers.kill(processes.get(i));
        }
        if (baresip != null) {
            baresip.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
        if (pulse != null) {
            pulse.close();
        }
    }

    @Test
    void aSineSourceThatDeliversTwoSecondBlocksReachesTheSoftphoneWhole() throws Exception {
        pulse = new PulseAudioServer(dir.resolve("pulse"));
        pulse.pactl("load-module", "module-sine-source", "source_name=mic", "frequency=" + (int) MIC_HZ);
        pulse.pactl("set-default-source", "mic");
        call("sine");
    }

    @Test
    void aNullSinkMonitorReachesTheSoftphoneWhole() throws Exception {
        pulse = new PulseAudioServer(dir.resolve("pulse"));
        pulse.pactl("load-module", "module-null-sink", "sink_name=micsink");
        pulse.pactl("set-default-sink", pulse.sink());
        pulse.pactl("set-default-source", "micsink.monitor");
        Path tone = dir.resolve("mic-tone.wav");
        writeWav(tone, 48000, MIC_HZ, MIC_DBFS, 90);
        ProcessBuilder player = new ProcessBuilder(Peers.require("paplay"), "--device=micsink", tone.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("paplay.log").toFile());
        player.environment().putAll(pulse.environment());
        processes.add(player.start());
        call("monitor");
    }

    private void call(String label) throws Exception {
        int kamailioPort = FreePorts.udpAndTcp();
        startKamailio(kamailioPort);
        startSoftphone(kamailioPort);
        int rtpMin = FreePorts.evenUdpPair();
        int rtpMax = rtpMin + 1;

        Path pcap = dir.resolve(label + ".pcap");
        List<String> tsharkOut = new CopyOnWriteArrayList<>();
        Process tshark = start(new ProcessBuilder(Peers.require("tshark"), "-i", "lo", "-F", "pcap", "-w",
                pcap.toString(), "-f", "udp src portrange " + rtpMin + "-" + rtpMax), tsharkOut);
        Wait.until("tshark capturing", Duration.ofSeconds(30),
                () -> tsharkOut.stream().anyMatch(l -> l.contains("Capturing on")));
        Path earpiece = dir.resolve(label + "-earpiece.raw");
        Process recorder = pulse.recordMonitor(earpiece).start();
        processes.add(recorder);

        List<String> probe = new CopyOnWriteArrayList<>();
        start(pulse.childJvm(SoftphoneCallProbe.class, "127.0.0.1:" + kamailioPort, USER, PASSWORD,
                "sip:" + REP + "@127.0.0.1:" + kamailioPort, Integer.toString(CALL_SECONDS),
                Integer.toString(rtpMin), Integer.toString(rtpMax)), probe);
        Wait.until("the call made and ended", Duration.ofSeconds(120), () -> probe.contains("DONE"));
        interrupt(recorder);
        interrupt(tshark);
        String output = String.join("\n", probe);
        assertTrue(probe.contains("ANSWERED"), output);

        ToneCheck.Verdict sent = ToneCheck.judge(ToneCheck.rtpFromPcap(pcap, rtpMin, rtpMax), MIC_HZ, MIC_DBFS);
        ToneCheck.Verdict heard = ToneCheck.judge(ToneCheck.blocksOfRaw(earpiece), REP_HZ, REP_DBFS);
        String report = "terminal to softphone: " + sent + "\nsoftphone to earpiece: " + heard + "\n" + output;
        System.out.println(label + ": " + report.lines().limit(2).reduce((a, b) -> a + "; " + b).orElse(""));
        assertTrue(sent.span() >= (CALL_SECONDS - 4) * 50, "the tone went out for most of the call\n" + report);
        assertTrue(sent.signalRatio() >= 0.98, report);
        assertEquals(MIC_DBFS, sent.levelDbfs(), 2, report);
        assertTrue(heard.span() >= (CALL_SECONDS - 4) * 50, "the earpiece carried the tone\n" + report);
        assertTrue(heard.signalRatio() >= 0.98, report);
        assertEquals(REP_DBFS, heard.levelDbfs(), 2, report);
    }

    private void startKamailio(int port) throws IOException {
        String config = Files.readString(Kamailio.testResource("sip/kamailio-softphone.cfg"), StandardCharsets.UTF_8)
                .replace("@PORT@", Integer.toString(port)).replace("@USER@", USER).replace("@PASSWORD@", PASSWORD)
                .replace("@REP@", REP).replace("@REP_PASSWORD@", REP_PASSWORD);
        kamailio = new Kamailio(dir.resolve("kamailio"), port, config, List.of("-D", "-m", "16", "-M", "4", "-n", "1"))
                .start();
    }

    /** The representative's softphone: registers with Kamailio, answers by itself, sends its tone. */
    private void startSoftphone(int kamailioPort) throws IOException {
        String account = "<sip:" + REP + "@127.0.0.1:" + kamailioPort + ";transport=udp>;auth_pass=" + REP_PASSWORD
                + ";answermode=auto;audio_codecs=PCMU,PCMA;regint=600";
        baresip = new Baresip(dir.resolve("baresip"), account, REP_HZ, "audio_alert alsa,null").start();
        Wait.until("baresip registered", Duration.ofSeconds(30), baresip::registered);
    }

    /** Starts a process, collecting its (merged) output lines as they come. */
    private Process start(ProcessBuilder builder, List<String> lines) throws IOException {
        Process process = builder.redirectErrorStream(true).start();
        processes.add(process);
        Thread reader = new Thread(() -> collect(process.getInputStream(), lines), "output-of-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static void collect(InputStream in, List<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static void interrupt(Process p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** A mono 16-bit WAV of a sine at {@code dbfs} (full-scale sine 0). */
    static void writeWav(Path file, int rate, double hz, double dbfs, int seconds) throws IOException {
        int samples = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        double amplitude = 32767 * Math.pow(10, dbfs / 20);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        Files.write(file, b.array());
    }
}
