package org.hallphone.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;

/** A sipp process as the far end, on loopback with its own SIP and media ports; killed by {@link #close()}. */
public final class Sipp implements AutoCloseable {

    /** How long sipp may take to bind its port on a loaded machine. */
    private static final Duration START_PATIENCE = Duration.ofSeconds(20);

    public final int port;
    public final int mediaPort;
    final Path dir;
    final Path messages;
    private final Process process;

    private Sipp(int port, int mediaPort, Path dir, Process process) {
        this.port = port;
        this.mediaPort = mediaPort;
        this.dir = dir;
        this.messages = dir.resolve("messages.log");
        this.process = process;
    }

    /** Starts sipp as a UAS with {@code scenario} ({@code uas} built in, or a file of src/test/resources/sip). */
    public static Sipp uas(String scenario, String... extra) throws IOException {
        return run(null, scenario, extra);
    }

    /** Starts sipp as a UAC towards 127.0.0.1:{@code remotePort}, placing one call with {@code scenario}. */
    public static Sipp uac(int remotePort, String scenario, String... extra) throws IOException {
        return run("127.0.0.1:" + remotePort, scenario, extra);
    }

    private static Sipp run(String remote, String scenario, String... extra) throws IOException {
        String sipp = Peers.require("sipp");
        int port = FreePorts.udpAndTcp();
        int mediaPort = FreePorts.evenUdpPair();
        Path dir = Files.createTempDirectory("sipp-");
        List<String> cmd = new ArrayList<>(List.of(sipp));
        if (remote != null) {
            cmd.add(remote);
            cmd.addAll(List.of("-s", "kiosk"));
        }
        if (scenario.endsWith(".xml")) {
            cmd.addAll(List.of("-sf", scenarioFile(scenario).toString()));
        } else {
            cmd.addAll(List.of("-sn", scenario));
        }
        cmd.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(port), "-mp", Integer.toString(mediaPort),
                "-m", "1", "-nostdin", "-trace_msg", "-message_file", dir.resolve("messages.log").toString(),
                "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                "-timeout", "40", "-timeout_error", "-cp", Integer.toString(FreePorts.udpAndTcp())));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile());
        Sipp started = new Sipp(port, mediaPort, dir, pb.start());
        try {
            // A sipp that exits at once (a bad scenario, a call over before we look) is reported by awaitExit.
            Wait.until("sipp to bind port " + port, START_PATIENCE,
                    () -> FreePorts.listening(port) || !started.alive());
        } catch (AssertionError notBound) {
            started.close();
            throw notBound;
        }
        return started;
    }

    static Path scenarioFile(String name) {
        return Path.of(System.getProperty("hallphone.project.dir", "."), "src/test/resources/sip", name);
    }

    public String target() {
        return "sip:reps@127.0.0.1:" + port;
    }

    /** Waits for sipp to end by itself and returns its exit code (0: every call went as the scenario says). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Everything sipp sent and received so far (its -trace_msg log). */
    public String messageLog() {
        try {
            return Files.exists(messages) ? new String(Files.readAllBytes(messages), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** sipp's own output and unexpected messages, for assertion messages. */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("stdout.txt", "errors.log")) {
            try {
                Path p = dir.resolve(f);
                if (Files.exists(p)) {
                    String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                    sb.append(f).append(":\n").append(text.length() > 4000 ? text.substring(text.length() - 4000)
                            : text).append('\n');
                }
            } catch (IOException e) {
                sb.append(e);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        Peers.kill(process);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
