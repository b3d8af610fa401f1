package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hallphone.call.CallRecord;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;
import org.hallphone.calllog.CallLogReader;
import org.hallphone.config.ConfigLoader;
import org.hallphone.media.FileDevice;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.KioskProperties;
import org.hallphone.testing.SocatPair;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut in the middle of a call: the terminal runs as its own process ({@code Main --headless}), is killed
 * with SIGKILL while talking, and the next start writes the call exactly once, as {@code interrupted}.
 */
class TerminalCrashTest {

    @TempDir
    Path dir;

    @Test
    void callUnderWayWhenTheProcessDiesIsLoggedOnceAsInterrupted() throws Exception {
        try (Sipp sipp = Sipp.uas("uas", "-rtp_echo"); SocatPair serial = new SocatPair(dir).start()) {
            Path config = KioskProperties.terminal(dir, serial.a(), sipp.target()).writeIn(dir);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                    Main.class.getName(), "--headless", "--config", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("terminal.log").toFile())
                    .start();
            try {
                Wait.until("the terminal to start", Duration.ofSeconds(30),
                        () -> logContains("terminal e2e-hall1 ready"));
                Wait.until("the terminal to open the handset port", Duration.ofSeconds(30),
                        () -> logContains("Handset " + serial.a() + " open"));
                serial.write("OFFHOOK\n");
                Wait.until("the call to be answered", Duration.ofSeconds(20),
                        () -> sipp.messageLog().contains("ACK sip:"));
                Wait.until("the answer written into the call's in-progress marker", Duration.ofSeconds(20),
                        this::answeredMarkerOnDisk);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no row written
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            assertTrue(!terminalCallsCsvHasRows(), "nothing was logged before the restart");

            try (Terminal restarted = Terminal.start(ConfigLoader.load(config), false, Clock.systemDefaultZone(),
                    FileDevice.silence())) {
                List<CallRecord> rows = restarted.callLog().recent(10);
                assertEquals(1, rows.size(), "exactly one row: " + rows);
                CallRecord row = rows.get(0);
                assertEquals(Outcome.INTERRUPTED, row.outcome());
                assertEquals(EndedBy.SYSTEM, row.endedBy());
                assertNotNull(row.answeredAt(), "it was answered before the crash");
            }
            try (Terminal again = Terminal.start(ConfigLoader.load(config), false, Clock.systemDefaultZone(),
                    FileDevice.silence())) {
                assertEquals(1, again.callLog().recent(10).size(), "a second restart adds nothing");
            }
        }
    }

    private boolean logContains(String text) {
        try {
            return java.nio.file.Files.readString(dir.resolve("terminal.log")).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** True once a marker of a call under way ({@code calls/inprogress/*.marker}) holds its answer time. */
    private boolean answeredMarkerOnDisk() {
        File[] markers = dir.resolve("calls/inprogress").toFile().listFiles((d, name) -> name.endsWith(".marker"));
        if (markers == null) {
            return false;
        }
        for (File marker : markers) {
            try {
                if (new CallLogReader().read(marker.toPath()).stream().anyMatch(r -> r.answeredAt() != null)) {
                    return true;
                }
            } catch (IOException | RuntimeException halfWritten) {
                // renamed into place whole, but it may be gone between the listing and the read
            }
        }
        return false;
    }

    private boolean terminalCallsCsvHasRows() {
        File[] files = dir.resolve("calls").toFile().listFiles((d, name) -> name.startsWith("calls-"));
        return files != null && files.length > 0;
    }
}
