package org.hallphone.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;

/**
 * A private PulseAudio server with one null sink, for tests of the real javax.sound path on machines without a
 * sound card. Everything lives under its own folder (XDG_RUNTIME_DIR, PULSE_RUNTIME_PATH, HOME for the cookie),
 * so parallel runs never meet; clients reach it through {@code PULSE_SERVER=unix:<socket>}. The sink's monitor
 * is the server's default source, so what is played can be captured again.
 *
 * <p>javax.sound reaches PulseAudio through ALSA's pulse plugin, and ALSA decides at its first use in a process
 * whether PulseAudio is running (the {@code pulse_load_if_running} hook of {@code libasound2-plugins}): a JVM
 * must therefore have {@code PULSE_SERVER} in its environment when it starts, which is why the tests run the
 * audio side in a child JVM ({@link #childJvm}).
 */
public final class PulseAudioServer implements AutoCloseable {

    private final String program;
    private final Path dir;
    private final Path socket;
    private final String sink = "hp" + UUID.randomUUID().toString().substring(0, 8);
    private Process process;

    public PulseAudioServer(Path dir) throws IOException {
        this.program = Peers.require("pulseaudio");
        this.dir = dir;
        this.socket = dir.resolve("rt/pulse/native");
        start();
    }

    void start() throws IOException {
        Files.createDirectories(dir.resolve("rt/pulse"));
        Files.createDirectories(dir.resolve("home"));
        dir.resolve("rt").toFile().setReadable(true, true);
        Files.deleteIfExists(socket);
        ProcessBuilder builder = new ProcessBuilder(program, "--daemonize=no", "--exit-idle-time=-1", "-n",
                "--load=module-null-sink sink_name=" + sink,
                "--load=module-native-protocol-unix socket=" + socket,
                "--load=module-always-sink")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("pulseaudio.log").toFile());
        builder.environment().putAll(environment());
        builder.environment().remove("PULSE_SERVER");
        process = builder.start();
        Wait.until("PulseAudio socket " + socket, Duration.ofSeconds(15), () -> Files.exists(socket));
    }

    /** Stops the server (as when a USB sound card is pulled out). */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    public String sink() {
        return sink;
    }

    public Map<String, String> environment() {
        return Map.of("XDG_RUNTIME_DIR", dir.resolve("rt").toString(),
                "PULSE_RUNTIME_PATH", dir.resolve("rt/pulse").toString(),
                "HOME", dir.resolve("home").toString(),
                "PULSE_SERVER", "unix:" + socket);
    }

    /** A JVM running {@code mainClass} of the test class path with this server in its environment. */
    public ProcessBuilder childJvm(Class<?> mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        return builder;
    }

    /** {@code parecord} of the sink's monitor: 8 kHz mono 16-bit raw into {@code file}; stop it with SIGINT. */
    public ProcessBuilder recordMonitor(Path file) {
        return recordSource(sink + ".monitor", file);
    }

    /** {@code parecord} of any source: 8 kHz mono 16-bit raw into {@code file}; stop it with SIGINT. */
    public ProcessBuilder recordSource(String source, Path file) {
        ProcessBuilder builder = new ProcessBuilder(Peers.require("parecord"), "--latency-msec=20",
                "--device=" + source, "--format=s16le", "--rate=8000", "--channels=1", "--raw",
                file.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("parecord.log").toFile());
        builder.environment().putAll(environment());
        return builder;
    }

    /** Runs {@code pactl} against this server (load a module, set the default source...); its output. */
    public String pactl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Peers.require("pactl")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pactl " + String.join(" ", args) + " failed: " + out);
        }
        return out.trim();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
