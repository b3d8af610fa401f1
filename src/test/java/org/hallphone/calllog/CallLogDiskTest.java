package org.hallphone.calllog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;
import org.hallphone.testing.Mounts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review finding F3 on real file systems: a tmpfs that fills up and a read-only bind mount (the SD card that
 * ext4 remounted read-only after an I/O error). Needs root; under CI a failed mount fails the test.
 */
class CallLogDiskTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofMillis(200);

    @TempDir
    Path tmp;

    private final Mounts mounts = new Mounts();
    private CallLog callLog;

    @AfterEach
    void cleanUp() {
        if (callLog != null) {
            callLog.close();
        }
        mounts.close();
    }

    private CallLog open(Path dir) {
        callLog = new CallLog(dir, ZoneOffset.UTC, Clock.systemUTC(), Writing.threaded(Disk.FSYNC, RETRY));
        callLog.startUp(30, LocalDate.now(ZoneOffset.UTC));
        return callLog;
    }

    private static CallRecord started(String callId) {
        return new CallRecord(OffsetDateTime.now(ZoneOffset.UTC).withNano(0), SampleCalls.TERMINAL, callId,
                Direction.OUT, null, null, null, "sip:reps@pbx.example", 1, 0, null);
    }

    private static CallRecord ended(CallRecord started) {
        return new CallRecord(started.startedAt(), started.terminalId(), started.callId(), Direction.OUT,
                Outcome.ANSWERED, started.startedAt().plusSeconds(4), started.startedAt().plusSeconds(70),
                started.target(), 1, 200, EndedBy.PATIENT);
    }

    private static List<String> rowsOf(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("calls-"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f, UTF_8).stream().skip(1);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.toList());
        }
    }

    @Test
    void fullDiskIsReportedAndTheRowIsWrittenOnceThereIsRoomAgain() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("calls"));
        mounts.tmpfs(dir, 256);
        CallLog log = open(dir);
        Path filler = dir.resolve("filler.bin");
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
        }
        CallRecord call = started("call-full");

        log.callStarted(call);
        log.callEnded(ended(call));

        Wait.until("the row to be reported unwritten", PATIENCE, () -> log.status().unwrittenRows() == 1);
        CallLog.Status status = log.status();
        assertFalse(status.ok());
        assertTrue(status.problem().contains("No space left on device"), status.problem());
        assertTrue(status.writeErrors() >= 2, "the marker and the row failed: " + status);
        assertEquals(List.of(ended(call)), log.recent(5), "the service screen still shows the call");

        Files.delete(filler);

        Wait.until("the retry to write the row", PATIENCE, () -> log.status().ok());
        assertEquals(List.of(CallRow.line(ended(call), ZoneOffset.UTC).stripTrailing()), rowsOf(dir),
                "exactly one row");
    }

    @Test
    void readOnlyFolderAtStartRunsDegradedAndIsTakenIntoUseWhenWritable() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path view = Files.createDirectory(tmp.resolve("view"));
        // A call that was under way when the power failed, before the card went read-only.
        CallRecord crashed = started("call-crashed");
        new Markers(real, ZoneOffset.UTC, Disk.FSYNC).dir().toFile().mkdirs();
        new Markers(real, ZoneOffset.UTC, Disk.FSYNC).write(crashed);
        mounts.readOnlyBind(real, view);

        CallLog log = open(view); // the old code threw here: the terminal did not start at all

        CallLog.Status status = log.status();
        assertFalse(status.ok());
        assertTrue(status.problem().contains("Read-only file system"), status.problem());
        CallRecord call = started("call-during");
        log.callStarted(call);
        log.callEnded(ended(call));
        Wait.until("the row to be reported unwritten", PATIENCE, () -> log.status().unwrittenRows() == 1);

        mounts.makeWritable(view);

        Wait.until("the folder to be taken into use", PATIENCE, () -> log.status().ok());
        List<String> rows = rowsOf(real);
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.contains("call-crashed") && r.contains(",interrupted,")),
                rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.equals(CallRow.line(ended(call), ZoneOffset.UTC).stripTrailing())),
                rows.toString());
    }
}
