package org.hallphone.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real web server for a folder (Python's {@code http.server}, which answers If-Modified-Since with 304), as the
 * centre's file server would be; its access log shows each request and status.
 */
public final class HttpFolderServer implements AutoCloseable {

    private final Path folder;
    private final Path log;
    private final int port;
    private Process process;

    public HttpFolderServer(Path folder, Path log) {
        this.folder = folder;
        this.log = log;
        this.port = FreePorts.udpAndTcp();
    }

    public HttpFolderServer start() throws IOException {
        String python = Peers.require("python3");
        process = new ProcessBuilder(python, "-u", "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1",
                "--directory", folder.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Wait.until("the web server on " + port, Duration.ofSeconds(15), () -> {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** The folder's URL, ending in a slash. */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** How many requests for {@code path} were answered with {@code status} so far. */
    public long answered(String path, int status) throws IOException {
        String needle = "\"GET /" + path + " HTTP/1.1\" " + status + " ";
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.contains(needle)).count();
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
