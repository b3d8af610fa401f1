package org.hallphone.calllog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Media;
import org.hallphone.call.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallLogTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String HEADER = "started_at,terminal_id,call_id,direction,outcome,answered_at,ended_at,"
            + "wait_s,talk_s,target,attempts,sip_status,ended_by,media\r\n";
    private static final String OLD_HEADER = HEADER.replace(",media", "");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final List<CallLog> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(CallLog::close);
        opened.clear();
    }

    private CallLog open() {
        return open(Disk.FSYNC);
    }

    /** Opens the call log as a new process would: the previous one (if any) has ended. */
    private CallLog open(Disk disk) {
        closeAll();
        CallLog callLog = new CallLog(dir, MOSCOW, clock, Writing.direct(disk));
        opened.add(callLog);
        return callLog;
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), UTF_8);
    }

    private List<Path> markers() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("inprogress"))) {
            return files.collect(Collectors.toList());
        }
    }

    @Test
    void rowIsWrittenByteForByteWithQuotingAndUtf8() throws IOException {
        OffsetDateTime start = OffsetDateTime.parse("2026-11-24T09:00:05.250Z");
        CallRecord call = new CallRecord(start, SampleCalls.TERMINAL, "c0ffee00-0000-4000-8000-000000000001",
                Direction.OUT, Outcome.ANSWERED, start.plusNanos(12_650_000_000L), start.plusSeconds(195),
                "Представитель \"А\", линия 2 <sip:reps@pbx.example>", 2, 200, EndedBy.REMOTE, Media.SRTP);

        open().callEnded(call);

        String expected = HEADER + "2026-11-24T12:00:05+03:00,ivanovo-onco-hall1,c0ffee00-0000-4000-8000-000000000001,"
                + "out,answered,2026-11-24T12:00:17+03:00,2026-11-24T12:03:20+03:00,12,183,"
                + "\"Представитель \"\"А\"\", линия 2 <sip:reps@pbx.example>\",2,200,remote,srtp\r\n";
        assertArrayEquals(expected.getBytes(UTF_8), Files.readAllBytes(dir.resolve("calls-2026-11-24.csv")));
        assertEquals(expected, read("calls-2026-11-24.csv"));
    }

    @Test
    void unansweredRowHasEmptyAnswerAndControlCharactersBecomeSpaces() throws IOException {
        // the terminal id is the record's own (the call flow sets it); the call log adds none
        CallRecord call = new CallRecord(OffsetDateTime.parse("2026-11-24T12:00:00+03:00"), SampleCalls.TERMINAL,
                "id-2", Direction.IN, Outcome.NO_ANSWER, null, OffsetDateTime.parse("2026-11-24T12:01:00+03:00"),
                "sip:a@b\r\nX-Injected: 1", 4, 0, EndedBy.TIMEOUT);

        open().callEnded(call);

        assertEquals(HEADER + "2026-11-24T12:00:00+03:00,ivanovo-onco-hall1,id-2,in,no_answer,,"
                + "2026-11-24T12:01:00+03:00,60,0,sip:a@b  X-Injected: 1,4,0,timeout,\r\n",
                read("calls-2026-11-24.csv"));
    }

    @Test
    void rowsReadBackAsTheyWereWritten() {
        CallLog callLog = open();
        CallRecord call = new CallRecord(OffsetDateTime.parse("2026-11-24T12:00:00+03:00"), SampleCalls.TERMINAL,
                "id-3", Direction.OUT, Outcome.ANSWERED, OffsetDateTime.parse("2026-11-24T12:00:09+03:00"),
                OffsetDateTime.parse("2026-11-24T12:05:00+03:00"), "a,\"b\"", 3, 200, EndedBy.PATIENT);
        callLog.callEnded(call);

        assertEquals(List.of(call), callLog.recent(5));
    }

    @Test
    void markerAndRowAreForcedToDiskInTheRightOrder() throws IOException {
        List<String> events = new ArrayList<>();
        Path marker = dir.resolve("inprogress").resolve("call-1.marker");
        Disk recording = new Disk() {
            @Override
            public void force(FileChannel channel) throws IOException {
                ByteBuffer content = ByteBuffer.allocate((int) channel.size());
                channel.read(content, 0);
                String text = new String(content.array(), UTF_8);
                String body = text.strip();
                String withoutMedia = body.substring(0, body.lastIndexOf(','));
                String last = withoutMedia.substring(withoutMedia.lastIndexOf(',') + 1).strip();
                events.add("force " + text.lines().count() + " lines, last " + last
                        + (Files.exists(marker) ? ", marker present" : ", no marker"));
                channel.force(true);
            }

            @Override
            public void forceDirectory(Path folder) throws IOException {
                events.add("force folder " + dir.relativize(folder) + (Files.exists(marker) ? ", marker present"
                        : ", no marker"));
                Disk.FSYNC.forceDirectory(folder);
            }
        };
        CallLog callLog = open(recording);
        assertEquals(List.of("force folder , no marker"), events, "the new inprogress folder's name is forced");
        events.clear();

        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        assertEquals(List.of("force 2 lines, last , no marker", "force folder inprogress, marker present"), events);
        assertEquals(List.of(marker), markers());
        assertEquals(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"), Markers.read(marker));

        events.clear();
        callLog.callEnded(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60));
        assertEquals(List.of("force 2 lines, last patient, marker present", "force folder , marker present",
                "force folder inprogress, no marker"), events);
        assertEquals(List.of(), markers());
    }

    @Test
    void recoveryWritesOneInterruptedRowEndingAtTheLastHeartbeat() throws IOException {
        CallLog before = open();
        before.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        clock.set(Instant.parse("2026-11-24T09:02:30Z"));
        before.heartbeat();
        before.close(); // the process "dies": no callEnded

        clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        CallLog after = open();
        assertEquals(1, after.recoverInterrupted());
        assertEquals(0, after.recoverInterrupted());

        assertEquals(HEADER + "2026-11-24T12:00:00+03:00,ivanovo-onco-hall1,call-1,out,interrupted,,"
                + "2026-11-24T12:02:30+03:00,150,0,sip:reps@pbx.example,1,0,system,\r\n", read("calls-2026-11-24.csv"));
        assertEquals(List.of(), markers());
    }

    @Test
    void callInterruptedWhileTalkingKeepsItsAnswerTime() throws IOException {
        CallLog before = open();
        before.callStarted(SampleCalls.started("call-2", "2026-11-24T12:00:00+03:00"));
        CallRecord answered = SampleCalls.answered("call-2", "2026-11-24T12:00:00+03:00", 12, 0);
        before.callAnswered(new CallRecord(answered.startedAt(), answered.terminalId(), answered.callId(),
                answered.direction(), null, answered.answeredAt(), null, answered.target(), 1, 0, null));
        clock.set(Instant.parse("2026-11-24T09:01:00Z"));
        before.heartbeat();
        before.close();

        clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        assertEquals(1, open().recoverInterrupted());
        assertEquals(HEADER + "2026-11-24T12:00:00+03:00,ivanovo-onco-hall1,call-2,out,interrupted,"
                + "2026-11-24T12:00:12+03:00,2026-11-24T12:01:00+03:00,12,48,sip:reps@pbx.example,1,0,system,\r\n",
                read("calls-2026-11-24.csv"));
    }

    @Test
    void recoveryNeverEndsACallBeforeItStartedOrAfterTheRestart() throws IOException {
        open().callStarted(SampleCalls.started("early", "2026-11-24T12:00:00+03:00"));
        open().callStarted(SampleCalls.started("late", "2026-11-24T12:01:00+03:00"));
        Path inprogress = dir.resolve("inprogress");
        Files.setLastModifiedTime(inprogress.resolve("early.marker"),
                FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setLastModifiedTime(inprogress.resolve("late.marker"),
                FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        clock.set(Instant.parse("2026-11-24T09:10:00Z"));

        CallLog after = open();
        assertEquals(2, after.recoverInterrupted());

        List<CallRecord> rows = after.recent(10);
        assertEquals(List.of("late", "early"), rows.stream().map(CallRecord::callId).collect(Collectors.toList()));
        assertEquals(OffsetDateTime.parse("2026-11-24T12:10:00+03:00"), rows.get(0).endedAt());
        assertEquals(OffsetDateTime.parse("2026-11-24T12:00:00+03:00"), rows.get(1).endedAt());
        assertTrue(rows.stream().allMatch(r -> r.outcome() == Outcome.INTERRUPTED && r.endedBy() == EndedBy.SYSTEM));
    }

    @Test
    void markerLeftBesideItsRowGivesNoSecondRow() throws IOException {
        CallLog callLog = open();
        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        Path marker = dir.resolve("inprogress").resolve("call-1.marker");
        Path saved = dir.resolve("saved.marker");
        Files.copy(marker, saved);
        callLog.callEnded(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60));
        // The process died after the append was forced and before the marker was deleted.
        Files.move(saved, marker, StandardCopyOption.ATOMIC_MOVE);

        CallLog after = open();
        assertEquals(0, after.recoverInterrupted());

        assertEquals(List.of(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60)), after.recent(10));
        assertEquals(List.of(), markers());
    }

    @Test
    void unreadableMarkerIsKeptAsideAndTemporaryFilesAreRemoved() throws IOException {
        Path inprogress = dir.resolve("inprogress");
        open();
        Files.writeString(inprogress.resolve("junk.marker"), "not a call\r\n");
        Files.writeString(inprogress.resolve("half.marker.tmp"), "started_at,term");

        assertEquals(0, open().recoverInterrupted());

        assertEquals(List.of(inprogress.resolve("junk.marker.unreadable")), markers());
        assertFalse(Files.exists(dir.resolve("calls-2026-11-24.csv")));
    }

    @Test
    void tornLastLineIsNeverReadAndTheNextRowStartsOnAFreshLine() throws IOException {
        CallRecord first = SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60);
        CallLog callLog = open();
        callLog.callEnded(first);
        String complete = read("calls-2026-11-24.csv");
        // A power cut in the middle of the next append:
        Files.writeString(dir.resolve("calls-2026-11-24.csv"), complete + "2026-11-24T12:10:00+03:00,ivanovo-on",
                UTF_8);

        assertEquals(List.of(first), callLog.recent(10));
        assertEquals(1, callLog.today().total());

        CallRecord second = SampleCalls.unanswered("call-3", "2026-11-24T12:20:00+03:00", Outcome.BUSY, 4);
        callLog.callEnded(second);

        assertEquals(complete + CallRow.line(second, MOSCOW), read("calls-2026-11-24.csv"));
        assertEquals(List.of(second, first), callLog.recent(10));
    }

    @Test
    void fileTornInsideItsHeaderGetsANewHeader() throws IOException {
        Files.writeString(dir.resolve("calls-2026-11-24.csv"), "started_at,termi");
        CallRecord call = SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60);

        open().callEnded(call);

        assertEquals(HEADER + CallRow.line(call, MOSCOW), read("calls-2026-11-24.csv"));
    }

    @Test
    void rowThatCannotBeWrittenIsKeptAndWrittenLater() throws IOException {
        CallLog callLog = open();
        Path blocker = Files.createDirectory(dir.resolve("calls-2026-11-24.csv"));
        CallRecord first = SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60);
        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        callLog.callEnded(first);
        assertEquals(1, markers().size(), "the marker stays while the row is not on disk");

        Files.delete(blocker);
        CallRecord second = SampleCalls.answered("call-2", "2026-11-24T12:10:00+03:00", 5, 60);
        callLog.callEnded(second);

        assertEquals(HEADER + CallRow.line(first, MOSCOW) + CallRow.line(second, MOSCOW), read("calls-2026-11-24.csv"));
        assertEquals(List.of(), markers());
    }

    @Test
    void retentionDeletesOnlyOldDayFiles() throws IOException {
        clock.set(Instant.parse("2026-11-24T09:00:00Z"));
        for (String name : List.of("calls-2026-11-24.csv", "calls-2026-11-17.csv", "calls-2026-11-16.csv",
                "calls-2026-01-05.csv", "ratings-2026-11-17.csv", "ratings-2026-11-10.csv", "notes.txt",
                "calls-2026-11-01.csv.bak", "calls-latest.csv")) {
            Path file = Files.writeString(dir.resolve(name), "x\n");
            DayFiles.date(file, name.startsWith("ratings") ? "ratings" : "calls").ifPresent(date -> setModified(file,
                    date.atTime(12, 0).atZone(MOSCOW).toInstant()));
        }
        CallLog callLog = open();

        assertEquals(0, callLog.deleteOlderThan(0, CallLog.EARLIEST_PLAUSIBLE));
        assertEquals(3, callLog.deleteOlderThan(7, CallLog.EARLIEST_PLAUSIBLE));

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(".lock", "calls-2026-11-01.csv.bak", "calls-2026-11-17.csv", "calls-2026-11-24.csv",
                            "calls-latest.csv", "inprogress", "notes.txt", "ratings-2026-11-17.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        assertThrows(IllegalArgumentException.class, () -> callLog.deleteOlderThan(-1, CallLog.EARLIEST_PLAUSIBLE));
    }

    private static void setModified(Path file, Instant when) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(when));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void recentAndTodayAcrossMidnight() {
        CallLog callLog = open();
        // Day 1 (Moscow time): two calls; the second ends after midnight but belongs to day 1 by its start.
        callLog.callEnded(SampleCalls.answered("d1-a", "2026-11-24T10:00:00+03:00", 5, 100));
        callLog.callEnded(SampleCalls.answered("d1-b", "2026-11-24T23:59:30+03:00", 10, 70));
        // Day 2: two calls; a UTC time that is already day 2 in Moscow goes into day 2's file.
        callLog.callEnded(SampleCalls.unanswered("d2-a", "2026-11-24T21:00:10Z", Outcome.NO_ANSWER, 60));
        callLog.callEnded(SampleCalls.unanswered("d2-b", "2026-11-25T00:30:00+03:00", Outcome.BUSY, 3));
        assertTrue(Files.exists(dir.resolve("calls-2026-11-24.csv")));
        assertTrue(Files.exists(dir.resolve("calls-2026-11-25.csv")));

        assertEquals(List.of("d2-b", "d2-a", "d1-b", "d1-a"),
                callLog.recent(10).stream().map(CallRecord::callId).collect(Collectors.toList()));
        assertEquals(List.of("d2-b", "d2-a", "d1-b"),
                callLog.recent(3).stream().map(CallRecord::callId).collect(Collectors.toList()));
        assertEquals(List.of(), callLog.recent(0));

        clock.set(Instant.parse("2026-11-24T20:59:59Z")); // 23:59:59 in Moscow
        DayCounts day1 = callLog.today();
        assertEquals(LocalDate.parse("2026-11-24"), day1.date());
        assertEquals(2, day1.total());
        assertEquals(2, day1.count(Outcome.ANSWERED));
        assertEquals(0, day1.count(Outcome.BUSY));

        clock.advance(Duration.ofSeconds(1)); // midnight
        DayCounts day2 = callLog.today();
        assertEquals(LocalDate.parse("2026-11-25"), day2.date());
        assertEquals(2, day2.total());
        assertEquals(0, day2.count(Outcome.ANSWERED));
        assertEquals(1, day2.count(Outcome.NO_ANSWER));
        assertEquals(1, day2.count(Outcome.BUSY));
    }

    @Test
    void missingFolderIsCreated() {
        Path nested = dir.resolve("var").resolve("calls");
        CallLog callLog = new CallLog(nested, MOSCOW, clock);
        opened.add(callLog);

        assertTrue(Files.isDirectory(nested.resolve("inprogress")));
    }

    @Test
    void secondCallLogOnTheSameFolderIsRefusedUntilTheFirstCloses() {
        CallLog first = open();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new CallLog(dir, MOSCOW, clock).close());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath() + " is in use"), e.getMessage());

        first.close();
        new CallLog(dir, MOSCOW, clock).close();
    }

    @Test
    void unusableFolderRunsDegradedAndIsNamedInTheStatus() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path wanted = file.resolve("calls");

        CallLog callLog = new CallLog(wanted, MOSCOW, clock);
        opened.add(callLog);

        CallLog.Status status = callLog.status();
        assertFalse(status.ok());
        assertTrue(status.problem().contains(wanted.toAbsolutePath().toString()), status.problem());
        assertTrue(status.problem().contains("calllog.dir"), status.problem());
    }

    @Test
    void aDayFileBegunWithoutTheMediaColumnKeepsItsColumnsAndStillReads() throws IOException {
        String oldRow = "2026-11-24T12:00:00+03:00,ivanovo-onco-hall1,old-1,out,answered,2026-11-24T12:00:10+03:00,"
                + "2026-11-24T12:01:00+03:00,10,50,sip:reps@pbx.example,1,200,patient\r\n";
        Files.writeString(dir.resolve("calls-2026-11-24.csv"), OLD_HEADER + oldRow, UTF_8);
        CallLog callLog = open();
        CallRecord encrypted = SampleCalls.answered("new-1", "2026-11-24T09:10:00Z", 5, 60);
        callLog.callEnded(new CallRecord(encrypted.startedAt(), encrypted.terminalId(), encrypted.callId(),
                encrypted.direction(), encrypted.outcome(), encrypted.answeredAt(), encrypted.endedAt(),
                encrypted.target(), encrypted.attempts(), encrypted.sipStatus(), encrypted.endedBy(), Media.SRTP));

        String text = read("calls-2026-11-24.csv");
        assertTrue(text.startsWith(OLD_HEADER + oldRow), text);
        assertFalse(text.contains("srtp"), "the old file keeps 13 columns: " + text);
        List<CallRecord> rows = new CallLogReader().read(dir.resolve("calls-2026-11-24.csv"));
        assertEquals(List.of("old-1", "new-1"), rows.stream().map(CallRecord::callId).toList());
        assertEquals(null, rows.get(0).media());

        // the next day begins a file with the column, and the value reads back
        CallRecord tomorrow = SampleCalls.answered("new-2", "2026-11-25T09:10:00Z", 5, 60);
        callLog.callEnded(new CallRecord(tomorrow.startedAt(), tomorrow.terminalId(), tomorrow.callId(),
                tomorrow.direction(), tomorrow.outcome(), tomorrow.answeredAt(), tomorrow.endedAt(),
                tomorrow.target(), tomorrow.attempts(), tomorrow.sipStatus(), tomorrow.endedBy(), Media.SRTP));
        assertTrue(read("calls-2026-11-25.csv").startsWith(HEADER), read("calls-2026-11-25.csv"));
        assertEquals(Media.SRTP, new CallLogReader().read(dir.resolve("calls-2026-11-25.csv")).get(0).media());
    }
}
