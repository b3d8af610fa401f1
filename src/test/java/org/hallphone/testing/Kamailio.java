package org.hallphone.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kamailio on loopback as the tests' registrar and proxy, in a folder of its own: a configuration file written
 * there, its log in {@code log.txt}, ready once it listens on its port. Closing it ends Kamailio and every worker
 * it forked, and waits until the port is free again (so a test may restart it on the same port).
 *
 * <p>Three configurations are used: {@link #registrar} (src/test/resources/sip/kamailio-registrar.cfg: digest
 * authentication of one user, a UAS behind it), the reference central side of installer/central (see
 * {@code CentralSideTest}) and a TLS proxy (see {@code EncryptedCallEndToEndTest}); each is a
 * {@link #Kamailio(Path, int, String, List) configuration text with command-line options}.
 */
public final class Kamailio implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** The port it listens on (UDP and TCP, or TLS). */
    public final int port;
    private final Path dir;
    private final boolean ownDir;
    private final Path config;
    private final List<String> options;
    private Process process;

    /**
     * The registrar of the SIP tests on a free port, in a temporary folder deleted on close.
     *
     * @param user       the one user it authenticates (digest), with {@code password}
     * @param uas        host:port where it sends calls to any other user
     * @param minExpires the shortest registration it accepts, in seconds
     */
    public Kamailio(String user, String password, String uas, int minExpires) throws IOException {
        this(Files.createTempDirectory("kamailio-"), true, FreePorts.udpAndTcp(), user, password, uas, minExpires);
    }

    private Kamailio(Path dir, boolean ownDir, int port, String user, String password, String uas, int minExpires)
            throws IOException {
        this(dir, ownDir, port, Files.readString(testResource("sip/kamailio-registrar.cfg"), StandardCharsets.UTF_8)
                        .replace("@PORT@", Integer.toString(port))
                        .replace("@USER@", user)
                        .replace("@PASSWORD@", password)
                        .replace("@UAS@", uas)
                        .replace("@MIN_EXPIRES@", Integer.toString(minExpires)),
                List.of("-D", "-m", "16", "-M", "4", "-n", "1"));
    }

    /**
     * Kamailio with {@code configText} as its {@code kamailio.cfg} in {@code dir} (which stays after close).
     *
     * @param port    the port the configuration listens on: it is ready once something listens there
     * @param options further command-line options, e.g. {@code -DD} (fork workers), {@code -m 64}, {@code -A NAME=value}
     */
    public Kamailio(Path dir, int port, String configText, List<String> options) throws IOException {
        this(Files.createDirectories(dir), false, port, configText, options);
    }

    private Kamailio(Path dir, boolean ownDir, int port, String configText, List<String> options) throws IOException {
        this.dir = dir;
        this.ownDir = ownDir;
        this.port = port;
        this.options = List.copyOf(options);
        this.config = dir.resolve("kamailio.cfg");
        Files.writeString(config, configText, StandardCharsets.UTF_8);
    }

    /** A file of src/test/resources, e.g. {@code sip/kamailio-tls.cfg}. */
    public static Path testResource(String name) {
        return Path.of(System.getProperty("hallphone.project.dir", "."), "src/test/resources", name);
    }

    /** The folder it runs in (its configuration, pid file and log). */
    public Path dir() {
        return dir;
    }

    /** Starts Kamailio and waits until it listens on {@link #port}; fails with its log if it exits instead. */
    public Kamailio start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Peers.require("kamailio"), "-f", config.toString(), "-E",
                "-P", dir.resolve("pid").toString(), "-Y", dir.toString()));
        command.addAll(options);
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log.txt").toFile())).start();
        Wait.until("Kamailio to listen on " + port, PATIENCE, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("kamailio exited:\n" + log());
            }
            return FreePorts.listening(port);
        });
        return this;
    }

    /** {@code 127.0.0.1:port}, as {@code sip.registrar} takes it. */
    public String registrar() {
        return "127.0.0.1:" + port;
    }

    /** Everything Kamailio logged so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends Kamailio and its workers and waits until its port is free again; it may be started again. */
    public void stop() {
        if (process == null) {
            return;
        }
        Peers.kill(process);
        process = null;
        Wait.until("port " + port + " to be free after Kamailio", PATIENCE, () -> !FreePorts.listening(port));
    }

    @Override
    public void close() {
        stop();
        if (!ownDir) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
