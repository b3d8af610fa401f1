package org.hallphone.handset;

import org.hallphone.testing.SocatPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallEvent.HandsetLost;
import org.hallphone.call.CallEvent.HandsetRestored;
import org.hallphone.config.HandsetConfig.LineSignal;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines-mode driver's plumbing through jssc on a pty: opening, the health check and reopening. A pty carries no
 * modem lines (jssc reads whatever the ioctl leaves), so the hook state itself is tested with a fake source in
 * {@link LinesModeDecodingTest}; here only connection events are asserted.
 */
class SerialHandsetLinesTest {

    @TempDir
    Path dir;

    private final EventLog events = new EventLog();
    private SocatPair pair;
    private HandsetDriver driver;

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private List<CallEvent> connectionEvents() {
        return events.all().stream()
                .filter(e -> e instanceof HandsetLost || e instanceof HandsetRestored)
                .toList();
    }

    @Test
    void killedPairIsNoticedWithinTwoSecondsAndReopened() {
        pair = new SocatPair(dir).start();
        driver = Handsets.create(HandsetConfigs.lines(pair.a(), LineSignal.CTS, true), events);
        driver.start();
        Wait.until("the port to open", Duration.ofSeconds(5), () -> connectionEvents().size() == 1);
        assertInstanceOf(HandsetRestored.class, connectionEvents().get(0));
        assertTrue(driver.connected());

        pair.kill();
        Wait.until("HandsetLost", Duration.ofSeconds(2), () -> connectionEvents().size() == 2);
        assertInstanceOf(HandsetLost.class, connectionEvents().get(1));
        assertFalse(driver.connected());

        pair.start();
        Wait.until("HandsetRestored", Duration.ofSeconds(15), () -> connectionEvents().size() == 3);
        assertInstanceOf(HandsetRestored.class, connectionEvents().get(2));
        assertTrue(driver.connected());
        assertEquals(3, connectionEvents().size());
    }

    @Test
    void repeatedUnplugAndReplugLeavesThreadsAndFileHandlesFlat() throws IOException {
        pair = new SocatPair(dir).start();
        driver = Handsets.create(HandsetConfigs.lines(pair.a(), LineSignal.DSR, false), events);
        driver.start();
        Wait.until("the port to open", Duration.ofSeconds(5), () -> connectionEvents().size() == 1);
        int threads = Thread.activeCount();
        long files = OpenDescriptors.all();
        long ptys = OpenDescriptors.onPtys();

        for (int cycle = 1; cycle <= 3; cycle++) {
            pair.kill();
            int lost = 2 * cycle;
            Wait.until("loss " + cycle, Duration.ofSeconds(2), () -> connectionEvents().size() == lost);
            pair.start();
            Wait.until("restore " + cycle, Duration.ofSeconds(15), () -> connectionEvents().size() == lost + 1);
        }

        assertTrue(driver.connected());
        assertEquals(1, OpenDescriptors.on(pair.a().toRealPath()), "the driver holds the new port open, once");
        assertEquals(ptys, OpenDescriptors.onPtys(), "each lost port was closed: only the new port and its writer");
        Wait.until("threads back to " + threads, Duration.ofSeconds(5), () -> Thread.activeCount() <= threads);
        Wait.until("open files back to " + files, Duration.ofSeconds(5), () -> OpenDescriptors.all() <= files);
    }
}
