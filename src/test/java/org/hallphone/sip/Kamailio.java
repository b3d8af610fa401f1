package org.hallphone.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Peers;

/** Kamailio as registrar and proxy on loopback, from src/test/resources/sip/kamailio-registrar.cfg. */
public final class Kamailio implements AutoCloseable {

    public final int port;
    final Path dir;
    private final Path config;
    private Process process;

    public Kamailio(String user, String password, String uas, int minExpires) throws IOException {
        this.port = FreePorts.udpAndTcp();
        this.dir = Files.createTempDirectory("kamailio-");
        String cfg = Files.readString(Sipp.scenarioFile("kamailio-registrar.cfg"), StandardCharsets.UTF_8)
                .replace("@PORT@", Integer.toString(port))
                .replace("@USER@", user)
                .replace("@PASSWORD@", password)
                .replace("@UAS@", uas)
                .replace("@MIN_EXPIRES@", Integer.toString(minExpires));
        this.config = dir.resolve("kamailio.cfg");
        Files.writeString(config, cfg, StandardCharsets.UTF_8);
    }

    public Kamailio start() throws IOException {
        String kamailio = Peers.require("kamailio");
        List<String> cmd = List.of(kamailio, "-f", config.toString(), "-D", "-E", "-P", dir.resolve("pid").toString(),
                "-Y", dir.toString(), "-m", "16", "-M", "4", "-n", "1");
        process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log.txt").toFile())).start();
        Sipp.waitUntilBound(port);
        if (!process.isAlive()) {
            throw new IOException("kamailio did not start:\n" + log());
        }
        return this;
    }

    public String registrar() {
        return "127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        // wait until the port is free again so that a restart can bind it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port))) {
                probe.close();
                return;
            } catch (IOException busy) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // harmless
        }
    }
}
