package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;
import org.hallphone.calllog.CallLogReader;
import org.hallphone.media.FileDevice;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.Closer;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Mounts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole terminal and its call log (review findings F3, F17): a stop during a call logs it at once with the
 * exact time; a call-log folder that cannot be written lets patients call and shows in {@code /health}.
 */
class TerminalJournalTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private final Mounts mounts = closer.add(new Mounts());
    private Sipp sipp;
    private TerminalRig rig;
    private Terminal terminal;

    private void start(String... configLines) throws Exception {
        sipp = closer.add(Sipp.uas("uas", "-rtp_echo"));
        rig = closer.add(TerminalRig.start(dir, sipp.target(), FileDevice.silence(), configLines));
        terminal = rig.terminal();
    }

    private void awaitState(CallState wanted) {
        rig.awaitState(wanted);
    }

    private List<CallRecord> rowsOnDisk() throws Exception {
        CallLogReader reader = new CallLogReader();
        try (Stream<Path> files = Files.list(dir.resolve("calls"))) {
            List<Path> days = files.filter(f -> f.getFileName().toString().startsWith("calls-"))
                    .collect(Collectors.toList());
            List<CallRecord> rows = new java.util.ArrayList<>();
            for (Path day : days) {
                rows.addAll(reader.read(day));
            }
            return rows;
        }
    }

    @Test
    void stopDuringACallLogsItAsInterruptedAtTheMomentOfTheStop() throws Exception {
        start();
        rig.handset("OFFHOOK\n");
        awaitState(CallState.TALKING);
        Thread.sleep(1500); // talk for a moment

        Instant before = Instant.now().minusSeconds(1);
        rig.stopTerminal();
        Instant after = Instant.now().plusSeconds(1);

        List<CallRecord> rows = rowsOnDisk();
        assertEquals(1, rows.size(), "the row is written at the stop, not left to the next start: " + rows);
        CallRecord row = rows.get(0);
        assertEquals(Outcome.INTERRUPTED, row.outcome());
        assertEquals(EndedBy.SYSTEM, row.endedBy());
        OffsetDateTime endedAt = row.endedAt();
        assertFalse(endedAt.toInstant().isBefore(before), "ended_at " + endedAt + " is the stop, not a heartbeat");
        assertFalse(endedAt.toInstant().isAfter(after), endedAt.toString());
        try (Stream<Path> markers = Files.list(dir.resolve("calls").resolve("inprogress"))) {
            assertEquals(0, markers.count(), "no marker left for the next start");
        }
        Wait.until("the far end to get its BYE", PATIENCE, () -> sipp.messageLog().contains("BYE sip:"));
    }

    @Test
    void readOnlyCallLogFolderStillTakesCallsAndTurnsHealthDegraded() throws Exception {
        Path real = Files.createDirectory(dir.resolve("calls-real"));
        Path calls = Files.createDirectory(dir.resolve("calls"));
        mounts.readOnlyBind(real, calls);
        int healthPort = FreePorts.udpAndTcp();

        start("health.listen=127.0.0.1:" + healthPort); // the old terminal refused to start here

        HttpClient http = HttpClient.newHttpClient();
        String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/health"))
                .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(health.contains("\"status\":\"degraded\""), health);
        assertTrue(health.contains("Read-only file system"), health);

        rig.handset("OFFHOOK\n");
        awaitState(CallState.TALKING);
        rig.handset("ONHOOK\n");
        awaitState(CallState.IDLE);

        Wait.until("the unwritten row to show in /metrics", PATIENCE, () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics"))
                        .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString()).body()
                        .contains("\nhallphone_calllog_unwritten_rows 1\n");
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(Outcome.ANSWERED, terminal.callLog().recent(1).get(0).outcome(),
                "the service screen still shows the call");
    }
}
