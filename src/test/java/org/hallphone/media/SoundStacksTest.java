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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sound stacks of the field, each with the self-test through the real javax.sound path in a child JVM: a USB
 * headset that runs only at 16, 44.1 or 48 kHz (a PulseAudio sink and its monitor at that rate, chosen by name,
 * the lines forced to it and converted to and from 8 kHz), and PipeWire with its PulseAudio layer. ALSA without a
 * sound server is not tested here: with no sound card and no snd-aloop module, ALSA's own null device is not
 * paced in real time (see the README's "Audio" section).
 */
class SoundStacksTest {

    @TempDir
    Path dir;
    private final List<Process> children = new CopyOnWriteArrayList<>();
    private PulseAudioServer pulse;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (pulse != null) {
            pulse.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 44100, 48000})
    void aUsbHeadsetAtItsOwnRatePassesTheSelfTest(int rate) throws Exception {
        pulse = new PulseAudioServer(dir.resolve("pulse"));
        String name = "usb" + rate;
        pulse.pactl("load-module", "module-null-sink", "sink_name=" + name, "rate=" + rate, "channels=1");
        pulse.pactl("set-default-sink", name);
        pulse.pactl("set-default-source", name + ".monitor");
        List<String> lines = run(pulse.childJvm(PulseAudioProbe.class, "rate", "default", "default",
                Integer.toString(rate)));
        Wait.until("self-test result", Duration.ofSeconds(60), () -> result(lines) != null);
        String output = String.join("\n", lines);
        assertTrue(output.contains("OPENED playback default [default] " + rate + " Hz, capture default [default] "
                + rate + " Hz"), output);
        assertPassed(result(lines), output);
    }

    /**
     * Debian 12's desktop stack: PipeWire with WirePlumber and pipewire-pulse (under a private D-Bus session),
     * which javax.sound reaches through ALSA's pulse plugin just as it reaches PulseAudio.
     */
    @Test
    void pipeWireWithItsPulseAudioLayerPassesTheSelfTest() throws Exception {
        Path rt = Files.createDirectories(dir.resolve("rt"));
        Path home = Files.createDirectories(dir.resolve("home"));
        rt.toFile().setReadable(true, true);
        Map<String, String> env = Map.of("XDG_RUNTIME_DIR", rt.toString(), "HOME", home.toString(),
                "PULSE_SERVER", "unix:" + rt.resolve("pulse/native"));
        ProcessBuilder server = new ProcessBuilder(Peers.require("dbus-run-session"), "--", "sh", "-c",
                Peers.require("pipewire") + " & sleep 1; " + Peers.require("wireplumber") + " & "
                        + Peers.require("pipewire-pulse") + " & wait")
                .redirectErrorStream(true).redirectOutput(dir.resolve("pipewire.log").toFile());
        server.environment().putAll(env);
        server.environment().remove("PULSE_SERVER");
        server.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process pipewire = server.start();
        children.add(pipewire);
        Wait.until("pipewire-pulse socket", Duration.ofSeconds(30), () -> Files.exists(rt.resolve("pulse/native")));
        pactl(env, "load-module", "module-null-sink", "sink_name=handset");
        Wait.until("the null sink known to the session manager", Duration.ofSeconds(30),
                () -> pactl(env, "list", "short", "sources").contains("handset.monitor"));
        pactl(env, "set-default-sink", "handset");
        pactl(env, "set-default-source", "handset.monitor");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PulseAudioProbe.class.getName(), "selftest", "", "");
        probe.environment().putAll(env);
        List<String> lines = run(probe);
        Wait.until("self-test result", Duration.ofSeconds(60), () -> result(lines) != null);
        String output = String.join("\n", lines) + "\n" + Files.readString(dir.resolve("pipewire.log"));
        String[] f = result(lines).split(" ");
        assertEquals("true", f[3], "self-test passed: " + output);
        assertEquals(SelfTest.TONE_HZ, Double.parseDouble(f[2]), 2, output);
        // PipeWire copies a mono stream to both channels of the stereo sink and sums them when a mono stream
        // records its monitor: the loopback comes back 3 dB hotter than on PulseAudio
        assertEquals(SelfTest.TONE_DBFS + 3, Double.parseDouble(f[1]), 2, output);
        pipewire.descendants().forEach(ProcessHandle::destroy);
    }

    private static String pactl(Map<String, String> env, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of(Peers.require("pactl")));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static void assertPassed(String result, String output) {
        String[] f = result.split(" ");
        assertEquals("true", f[3], "self-test passed: " + result + "\n" + output);
        assertEquals(SelfTest.TONE_HZ, Double.parseDouble(f[2]), 2, result);
        assertEquals(SelfTest.TONE_DBFS, Double.parseDouble(f[1]), 1.5, result);
    }

    private static String result(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
    }

    private List<String> run(ProcessBuilder builder) throws IOException {
        Process process = builder.redirectErrorStream(true).start();
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
}
