package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hallphone.call.CallState;
import org.hallphone.config.ConfigLoader;
import org.hallphone.media.FileDevice;
import org.hallphone.testing.KioskProperties;
import org.hallphone.testing.SocatPair;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test of speed: measures the time from {@code OFFHOOK} written into the pty to the INVITE
 * arriving at the far end, over 20 calls, and writes the figures to {@code target/benchmarks/dial-latency.txt}.
 * The far end is a minimal UDP responder that answers every INVITE with 486, so each call ends at once.
 * Run with {@code mvn test -Dgroups=benchmark -Dtest=DialLatencyBenchmark}.
 */
@Tag("benchmark")
class DialLatencyBenchmark {

    private static final int CALLS = 20;

    @TempDir
    Path dir;

    @Test
    void offhookToInvite() throws Exception {
        StringBuilder report = new StringBuilder();
        for (int debounceMs : new int[] {50, 0}) {
            List<Double> millis = measure(debounceMs);
            List<Double> sorted = new ArrayList<>(millis);
            sorted.sort(null);
            String line = String.format(Locale.ROOT,
                    "OFFHOOK written -> INVITE received, handset.debounce-ms=%d, %d calls: median %.1f ms, "
                            + "min %.1f ms, max %.1f ms",
                    debounceMs, sorted.size(), median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
            report.append(line).append('\n');
            System.out.println(line);
        }
        Path out = Path.of(System.getProperty("hallphone.project.dir", "."), "target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("dial-latency.txt"), report);
    }

    private List<Double> measure(int debounceMs) throws Exception {
        List<Double> millis = new ArrayList<>();
        Path run = Files.createDirectories(dir.resolve("debounce-" + debounceMs));
        try (DatagramSocket far = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocatPair serial = new SocatPair(run).start()) {
            far.setSoTimeout(10_000);
            Path config = KioskProperties.terminal(run, serial.a(), "sip:reps@127.0.0.1:" + far.getLocalPort())
                    .set("handset.debounce-ms", debounceMs).writeIn(run);
            try (Terminal terminal = Terminal.start(ConfigLoader.load(config), false, Clock.systemDefaultZone(),
                    FileDevice.silence())) {
                Wait.until("the handset port", Duration.ofSeconds(10), () -> terminal.handset().connected());
                byte[] buffer = new byte[65536];
                for (int i = 0; i < CALLS + 2; i++) {
                    long start = System.nanoTime();
                    serial.write("OFFHOOK\n");
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    String message;
                    do {
                        far.receive(packet);
                        message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                    } while (!message.startsWith("INVITE "));
                    long arrived = System.nanoTime();
                    if (i >= 2) { // the first two warm up the JIT
                        millis.add((arrived - start) / 1e6);
                    }
                    byte[] busy = busyFor(message).getBytes(StandardCharsets.UTF_8);
                    far.send(new DatagramPacket(busy, busy.length, packet.getSocketAddress()));
                    Wait.until("the busy call to end", Duration.ofSeconds(10),
                            () -> terminal.calls().snapshot().state() == CallState.ENDED);
                    serial.write("ONHOOK\n");
                    Wait.until("ready again", Duration.ofSeconds(10),
                            () -> terminal.calls().snapshot().state() == CallState.IDLE);
                }
                assertEquals(CALLS + 2, terminal.callLog().recent(100).size(), "every call was logged");
            }
        }
        return millis;
    }

    /** A 486 for the INVITE: the dialog-forming headers copied (RFC 3261 §8.2.6.2), a To tag added. */
    private static String busyFor(String invite) {
        StringBuilder response = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
        for (String line : invite.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                    || lower.startsWith("cseq:")) {
                response.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                response.append(line).append(";tag=bench").append("\r\n");
            }
        }
        return response.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
