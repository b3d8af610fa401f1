package org.hallphone.testing;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A serial port pair from socat: the driver opens link {@code a}, the test writes into link {@code b}. The writing
 * end stays open for the pair's life: closing a pty's last descriptor hangs it up and socat would end.
 */
public final class SocatPair implements AutoCloseable {

    private final String socat;
    private final Path dir;
    private final Path a;
    private final Path b;
    private Process process;
    private FileOutputStream writer;

    public SocatPair(Path dir) {
        this.socat = Peers.require("socat");
        this.dir = dir;
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
    }

    /** The end the driver opens. */
    public Path a() {
        return a;
    }

    public SocatPair start() {
        try {
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
            process = new ProcessBuilder(socat, "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("socat.log").toFile()))
                    .start();
            Wait.until("socat to create " + a + " and " + b, Duration.ofSeconds(10),
                    () -> Files.exists(a) && Files.exists(b));
            writer = new FileOutputStream(b.toFile());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String text) {
        try {
            writer.write(text.getBytes(StandardCharsets.UTF_8));
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeBytes(byte[] bytes) {
        try {
            writer.write(bytes);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends socat (SIGTERM, as a cable pull ends the device): both ptys vanish with it. */
    public void kill() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // already hung up
            }
            writer = null;
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
