package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real javax.sound path on a PulseAudio null sink: device selection by name and fallback, a tone played and
 * captured back from the sink's monitor (by javax.sound and by parecord), and a sound server that goes away and
 * comes back in the middle of a call. The audio side runs in a child JVM (see {@link PulseAudioServer}).
 */
class PulseAudioDeviceTest {

    @TempDir
    static Path dir;
    private static PulseAudioServer pulse;
    private final List<Process> children = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startPulseAudio() throws IOException {
        pulse = new PulseAudioServer(dir);
    }

    @AfterAll
    static void stopPulseAudio() throws InterruptedException {
        if (pulse != null) {
            pulse.close();
        }
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Starts a probe and collects its output lines as they come. */
    private List<String> probe(String... args) throws IOException {
        Process process = pulse.childJvm(PulseAudioProbe.class, args).start();
        children.add(process);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "probe-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static List<String> results(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("RESULT "))
                .map(l -> l.substring(0, l.lastIndexOf(' '))).toList();
    }

    private static void assertToneHeard(String result, String output) {
        String[] f = result.split(" ");
        assertEquals("true", f[3], "self-test passed: " + result + "\n" + output);
        assertEquals(SelfTest.TONE_HZ, Double.parseDouble(f[2]), 2, result);
        assertEquals(SelfTest.TONE_DBFS, Double.parseDouble(f[1]), 1.5, result);
    }

    @Test
    void devicesChosenByNameCarryATonePlayedBackToTheCapture() throws Exception {
        List<String> lines = probe("selftest", "DEFAULT", "default");
        Wait.until("self-test result", Duration.ofSeconds(40), () -> !results(lines).isEmpty());
        String output = String.join("\n", lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("DEVICE ") && l.endsWith("|true|true")),
                "a device that plays and records is listed:\n" + output);
        assertTrue(output.contains("Audio playback on 'default"), output);
        assertTrue(!output.contains("not found"), "chosen by name, no fallback:\n" + output);
        assertToneHeard(results(lines).get(0), output);
    }

    @Test
    void anUnknownNameFallsBackToTheDefaultDeviceWithALogLine() throws Exception {
        List<String> lines = probe("selftest", "no-such-usb-card", "no-such-usb-card");
        Wait.until("self-test result", Duration.ofSeconds(40), () -> !results(lines).isEmpty());
        String output = String.join("\n", lines);
        assertTrue(output.contains("Audio playback device 'no-such-usb-card' not found"), output);
        assertTrue(output.contains("Audio capture device 'no-such-usb-card' not found"), output);
        assertToneHeard(results(lines).get(0), output);
    }

    @Test
    void devicesThatRefuseEightKilohertzAreConvertedBothWays() throws Exception {
        List<String> lines = probe("resampled");
        Wait.until("self-test result", Duration.ofSeconds(40), () -> !results(lines).isEmpty());
        String output = String.join("\n", lines);
        assertTrue(output.contains("OPENED playback default 48000 Hz, capture default 44100 Hz"), output);
        assertToneHeard(results(lines).get(0), output);
    }

    @Test
    void theBusyToneReachesTheSinkAtItsFrequencyAndLevel() throws Exception {
        List<String> lines = probe("tone", "", MediaEngine.NULL_DEVICE);
        Wait.until("tone playing", Duration.ofSeconds(30), () -> lines.contains("PLAYING"));
        Path raw = dir.resolve("monitor.raw");
        Process recorder = pulse.recordMonitor(raw).start();
        children.add(recorder);
        Thread.sleep(3000);
        new ProcessBuilder("kill", "-INT", Long.toString(recorder.pid())).start().waitFor();
        recorder.waitFor(5, TimeUnit.SECONDS);
        byte[] bytes = Files.readAllBytes(raw);
        short[] heard = Pcm.toSamples(bytes, bytes.length, 1);
        assertTrue(heard.length > 8000, "recorded " + heard.length + " samples");
        assertEquals(425, Goertzel.dominantFrequency(heard, 0, heard.length, 8000, 300, 3400), 2);
        double loudest = -200;
        for (int at = 0; at + 800 <= heard.length; at += 400) {
            loudest = Math.max(loudest, Goertzel.levelDbfs(heard, at, 800));
        }
        assertEquals(ToneSound.TONE_DBFS, loudest, 1.5, "busy tone level in the sink");
    }

    @Test
    void aCallBackRingsOnTheHallLoudspeakerWithItsCadenceAndLevel() throws Exception {
        pulse.pactl("load-module", "module-null-sink", "sink_name=hall");
        pulse.pactl("set-default-sink", pulse.sink());
        Process probe = pulse.childJvm(PulseAudioProbe.class, "ring", "", "").start();
        children.add(probe);
        List<String> lines = collect(probe);
        Wait.until("engine ready", Duration.ofSeconds(30), () -> lines.contains("READY"));
        // the earpiece's stream opened first, the ring's second: move the later one to the hall's sink
        int ringStream = pulse.pactl("list", "short", "sink-inputs").lines()
                .mapToInt(l -> Integer.parseInt(l.split("\\s+")[0])).max().orElseThrow();
        pulse.pactl("move-sink-input", Integer.toString(ringStream), "hall");
        Path hall = dir.resolve("hall.raw");
        Path earpiece = dir.resolve("earpiece-during-ring.raw");
        Process hallRecorder = pulse.recordSource("hall.monitor", hall).start();
        Process earpieceRecorder = pulse.recordMonitor(earpiece).start();
        children.add(hallRecorder);
        children.add(earpieceRecorder);
        Thread.sleep(1000);
        probe.getOutputStream().write("ring\n".getBytes(StandardCharsets.UTF_8));
        probe.getOutputStream().flush();
        Wait.until("ringing", Duration.ofSeconds(10), () -> lines.contains("RINGING"));
        Thread.sleep(8000);
        for (Process recorder : List.of(hallRecorder, earpieceRecorder)) {
            new ProcessBuilder("kill", "-INT", Long.toString(recorder.pid())).start().waitFor();
            recorder.waitFor(5, TimeUnit.SECONDS);
        }

        List<Boolean> sounding = new ArrayList<>();
        double loudest = -200;
        for (short[] block : ToneCheck.blocksOfRaw(hall)) {
            double level = ringLevel(block);
            sounding.add(level > ToneSound.RING_DBFS + PulseAudioProbe.RING_GAIN_DB - 15);
            loudest = Math.max(loudest, Goertzel.levelDbfs(block, 0, block.length));
        }
        List<Integer> runs = runs(sounding);
        String shape = "runs of 20 ms blocks, sounding first: " + runs;
        // The media clock rests between calls; when it starts again the PulseAudio stream of the hall's device
        // refills and the first ~160 ms may stutter. The cadence is judged from the first whole burst on, and
        // the stutter may last at most 300 ms.
        int skipped = 0;
        while (runs.size() > 1 && runs.get(0) < ToneSound.RING_BURST_MS / 40) {
            skipped += runs.remove(0) + runs.remove(0);
        }
        assertTrue(skipped <= 15, "stutter at the start of the ring: " + skipped + " blocks; " + shape);
        assertTrue(runs.size() >= 5, shape);
        // bursts of 1 s, 0.4 s apart, then 2 s of quiet: 50, 20, 50, 100, 50 blocks
        assertEquals(ToneSound.RING_BURST_MS / 20, runs.get(0), 4, shape);
        assertEquals(ToneSound.RING_GAP_MS / 20, runs.get(1), 4, shape);
        assertEquals(ToneSound.RING_BURST_MS / 20, runs.get(2), 4, shape);
        assertEquals(ToneSound.RING_PAUSE_MS / 20, runs.get(3), 4, shape);
        assertEquals(ToneSound.RING_BURST_MS / 20, runs.get(4), 4, shape);
        assertEquals(ToneSound.RING_DBFS + PulseAudioProbe.RING_GAIN_DB, loudest, 1.5, "ring level with its gain");
        List<short[]> earpieceBlocks = ToneCheck.blocksOfRaw(earpiece);
        double earpieceLoudest = earpieceBlocks.stream().mapToDouble(SoundDeviceChecks::ringLevelOf).max()
                .orElse(-200);
        assertTrue(earpieceBlocks.size() > 200, "the earpiece was recorded");
        assertTrue(earpieceLoudest < -60, "the earpiece stays quiet: " + earpieceLoudest);
    }

    /** Level of the ring's two notes in a block, dBFS. */
    private static double ringLevel(short[] block) {
        return SoundDeviceChecks.ringLevelOf(block);
    }

    /** Lengths of the alternating runs, starting with the first sounding one. */
    private static List<Integer> runs(List<Boolean> sounding) {
        List<Integer> runs = new ArrayList<>();
        int first = sounding.indexOf(true);
        if (first < 0) {
            return runs;
        }
        boolean state = true;
        int length = 0;
        for (int i = first; i < sounding.size(); i++) {
            if (sounding.get(i) == state) {
                length++;
            } else {
                runs.add(length);
                state = !state;
                length = 1;
            }
        }
        runs.add(length);
        return runs;
    }

    private List<String> collect(Process process) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "probe-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Test
    void aSoundServerThatGoesAwayIsReopenedWhileTheEngineRuns() throws Exception {
        List<String> lines = probe("reopen", "", "");
        Wait.until("a first good self-test", Duration.ofSeconds(40),
                () -> results(lines).stream().anyMatch(r -> r.endsWith("true")));
        pulse.stop();
        Wait.until("the loss noticed", Duration.ofSeconds(20),
                () -> lines.stream().anyMatch(l -> l.contains("lost")));
        pulse.start();
        int before = results(lines).size();
        Wait.until("a good self-test after the restart", Duration.ofSeconds(60),
                () -> results(lines).stream().skip(before).anyMatch(r -> r.endsWith("true")));
        String output = String.join("\n", lines);
        assertTrue(output.contains("Audio playback on 'default"), output);
    }
}
