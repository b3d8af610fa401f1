package org.hallphone.handset;

import org.hallphone.testing.SocatPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandsetMonitorTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private SocatPair pair;
    private Thread monitor;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (monitor != null) {
            monitor.interrupt();
            monitor.join(5000);
        }
        if (pair != null) {
            pair.close();
        }
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsRawLinesTheirMeaningAndEventsUntilInterrupted() throws Exception {
        pair = new SocatPair(dir).start();
        Path port = pair.a().toRealPath();
        assertEquals(0, OpenDescriptors.on(port), "nothing holds the port before the monitor");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        HandsetMonitor handsetMonitor = new HandsetMonitor(HandsetConfigs.text(pair.a(), Duration.ofMillis(30)), out);
        monitor = new Thread(() -> {
            try {
                handsetMonitor.run();
            } catch (InterruptedException expected) {
                // the way to stop it
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "monitor-test");
        monitor.start();

        Wait.until("the monitor to open the port", Duration.ofSeconds(5),
                () -> printed().contains("event   HandsetRestored[lifted=false, stateKnown=false]"));
        assertEquals(1, OpenDescriptors.on(port), "the monitor holds the port open, once");
        pair.write("HELLO\r\nOFFHOOK\r\n");
        Wait.until("the lift to be printed", Duration.ofSeconds(5),
                () -> printed().contains("event   HandsetLifted"));

        String text = printed();
        assertTrue(text.startsWith("Monitoring handset " + pair.a() + " (text mode, 9600 8N1"), text);
        assertTrue(text.contains("line    'HELLO' -> unknown, ignored"), text);
        assertTrue(text.contains("line    'OFFHOOK' -> lifted"), text);
        assertTrue(text.matches("(?s).*\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  event   HandsetLifted.*"), text);

        monitor.interrupt();
        monitor.join(5000);
        assertFalse(monitor.isAlive(), "the monitor stops when interrupted");
        assertTrue(failure.get() == null, () -> "monitor failed: " + failure.get());
        Wait.until("the monitor to close " + port, Duration.ofSeconds(5), () -> OpenDescriptors.on(port) == 0);
    }

    @Test
    void simulatedPortHasNothingToMonitor() throws InterruptedException {
        new HandsetMonitor(HandsetConfigs.defaults(), out).run();
        assertEquals("handset.port=simulated: there is no device to monitor. Set handset.port to a serial port"
                + " (see --list-serial-ports)." + System.lineSeparator(), printed());
    }
}
