package org.hallphone.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real RFC 5424 syslog receiver: rsyslogd in the foreground with its own configuration, {@code imtcp} on a
 * loopback port (octet-counted framing, RFC 6587) and every message written to {@link #received} as
 * {@code PRI|VERSION|TIMESTAMP|HOSTNAME|APP-NAME|PROCID|MSGID|STRUCTURED-DATA|MSG}, the fields as rsyslog parsed
 * them. {@link #stop} and {@link #start} again keep the port and the file, as a restarted central server does.
 */
public final class Rsyslog implements AutoCloseable {

    private final String rsyslogd;
    private final Path dir;
    private final int port;
    private final Path config;
    private final Path received;
    private Process process;

    public Rsyslog(Path dir) {
        this.rsyslogd = Peers.require("rsyslogd");
        this.dir = dir;
        this.port = FreePorts.udpAndTcp();
        this.config = dir.resolve("rsyslog.conf");
        this.received = dir.resolve("received.log");
    }

    public int port() {
        return port;
    }

    /** Starts rsyslogd and waits until it accepts connections. */
    public Rsyslog start() {
        return start("""
                module(load="imtcp")
                template(name="fields" type="list") {
                    property(name="pri") constant(value="|") property(name="protocol-version")
                    constant(value="|") property(name="timestamp" dateFormat="rfc3339")
                    constant(value="|") property(name="hostname") constant(value="|") property(name="app-name")
                    constant(value="|") property(name="procid") constant(value="|") property(name="msgid")
                    constant(value="|") property(name="structured-data") constant(value="|") property(name="msg")
                    constant(value="\\n")
                }
                ruleset(name="centre") {
                    action(type="omfile" file="%1$s" template="fields")
                }
                input(type="imtcp" address="127.0.0.1" port="%2$d" ruleset="centre")
                """.formatted(received, port));
    }

    /** Starts rsyslogd with {@code configuration} (which must listen on {@link #port}); its own work folder. */
    public Rsyslog start(String configuration) {
        try {
            Files.createDirectories(dir);
            Files.writeString(config, "global(workDirectory=\"" + dir + "\")\n" + configuration,
                    StandardCharsets.UTF_8);
            process = new ProcessBuilder(rsyslogd, "-n", "-f", config.toString(), "-i",
                    dir.resolve("rsyslogd.pid").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Wait.until("rsyslogd to listen on port " + port + " (" + diagnostics() + ")", Duration.ofSeconds(20),
                this::accepts);
        return this;
    }

    private boolean accepts() {
        if (!process.isAlive()) {
            throw new IllegalStateException("rsyslogd exited: " + diagnostics());
        }
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The lines received so far (rsyslog writes them as they arrive). */
    public List<String> received() {
        return received(received);
    }

    /** The lines of {@code file} that rsyslog writes to (empty while it does not exist). */
    public List<String> received(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops rsyslogd (SIGTERM: it closes its connections, as a restart of the service does) and waits for it. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public String diagnostics() {
        try {
            Path out = dir.resolve("rsyslogd.out");
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "(no output)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
