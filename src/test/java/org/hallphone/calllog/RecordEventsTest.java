package org.hallphone.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Every row and rating is exactly one structured event on {@code hallphone.calls}, whatever the disk does. */
class RecordEventsTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final List<CallLog> opened = new ArrayList<>();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RecordEvents.LOGGER);

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
        opened.forEach(CallLog::close);
    }

    private CallLog direct() {
        CallLog callLog = new CallLog(dir, MOSCOW, clock, Writing.direct(Disk.FSYNC));
        opened.add(callLog);
        return callLog;
    }

    private static Map<String, String> fields(ILoggingEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        event.getKeyValuePairs().forEach(pair -> fields.put(pair.key, String.valueOf(pair.value)));
        return fields;
    }

    private List<String> callIds() {
        return events.list.stream().map(e -> fields(e).get("call_id")).collect(Collectors.toList());
    }

    @Test
    void writtenRowIsOneEventWithEveryColumnAsFieldAndInTheMessage() {
        CallLog callLog = direct();
        CallRecord call = SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60);
        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        callLog.callEnded(call);

        assertEquals(1, events.list.size(), "one event: " + events.list);
        ILoggingEvent event = events.list.get(0);
        assertEquals("CALL", event.getMarkerList().get(0).getName());
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> values = CallRow.fields(call, MOSCOW);
        for (int i = 0; i < CallRow.COLUMNS.size(); i++) {
            expected.put(CallRow.COLUMNS.get(i), values.get(i));
        }
        assertEquals(expected, fields(event));
        assertEquals("CALL started_at=\"2026-11-24T12:00:00+03:00\" terminal_id=\"ivanovo-onco-hall1\" "
                + "call_id=\"call-1\" direction=\"out\" outcome=\"answered\" answered_at=\"2026-11-24T12:00:05+03:00\" "
                + "ended_at=\"2026-11-24T12:01:05+03:00\" wait_s=\"5\" talk_s=\"60\" target=\"sip:reps@pbx.example\" "
                + "attempts=\"1\" sip_status=\"200\" ended_by=\"patient\" media=\"\"", event.getFormattedMessage());
    }

    @Test
    void unwrittenRowIsSentAtOnceAndNotAgainWhenWrittenLate() throws IOException {
        CallLog callLog = direct();
        Path blocker = Files.createDirectory(dir.resolve("calls-2026-11-24.csv"));
        callLog.callEnded(SampleCalls.answered("call-1", "2026-11-24T12:00:00+03:00", 5, 60));
        assertEquals(List.of("call-1"), callIds(), "the centre gets the row while the disk refuses it");

        Files.delete(blocker);
        callLog.retryNow();
        assertTrue(Files.readString(blocker).contains("call-1"), "written late");
        assertEquals(List.of("call-1"), callIds(), "no second event for the late write");
    }

    @Test
    void rowsBehindAHungDiskAreSentWhenTheWriterRefusesThemAndNotAgainWhenWritten() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        Disk hung = new Disk() {
            @Override
            public void force(FileChannel channel) throws IOException {
                try {
                    released.await();
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
        CallLog callLog = new CallLog(dir, MOSCOW, clock, Writing.threaded(hung, Duration.ofHours(1)));
        opened.add(callLog);
        int calls = JournalThread.MAX_QUEUED + 20;
        for (int i = 0; i < calls; i++) {
            callLog.callEnded(SampleCalls.answered("call-" + i, "2026-11-24T12:00:00+03:00", 5, 60));
        }
        // The writer holds the first row in the hung fsync and at most MAX_QUEUED more wait for it.
        assertTrue(events.list.size() >= calls - JournalThread.MAX_QUEUED - 1, "sent at once: " + events.list.size());
        assertTrue(callIds().stream().allMatch(id -> Integer.parseInt(id.substring(5)) >= JournalThread.MAX_QUEUED - 1),
                "only the refused rows: " + callIds());

        released.countDown();
        // the refused rows are owed and written by the retry; on a loaded machine one round may not be enough
        org.hallphone.testing.Wait.until("every row written", Duration.ofSeconds(30), () -> {
            callLog.flush();
            callLog.retryNow();
            callLog.flush();
            return rowsOnDisk() == calls;
        });
        assertEquals(calls, rowsOnDisk(), "every row written");
        assertEquals(calls, callIds().size(), "one event per call: " + callIds());
        assertEquals(calls, Set.copyOf(callIds()).size());
    }

    @Test
    void interruptedCallIsOneEventAtTheNextStartAndNoneAfter() {
        CallLog crashed = direct();
        crashed.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        opened.remove(crashed);
        crashed.close(); // the marker stays: the call was under way
        assertEquals(List.of(), callIds());

        CallLog restarted = direct();
        assertEquals(1, restarted.recoverInterrupted());
        assertEquals(List.of("call-1"), callIds());
        assertEquals("interrupted", fields(events.list.get(0)).get("outcome"));
        assertEquals("system", fields(events.list.get(0)).get("ended_by"));
        opened.remove(restarted);
        restarted.close();

        assertEquals(0, direct().recoverInterrupted());
        assertEquals(List.of("call-1"), callIds(), "a second start sends nothing");
    }

    @Test
    void endedCallRecoveredFromItsMarkerIsNotSentTwice() throws IOException {
        CallLog callLog = direct();
        Path blocker = Files.createDirectory(dir.resolve("calls-2026-11-24.csv"));
        callLog.callStarted(SampleCalls.started("call-1", "2026-11-24T12:00:00+03:00"));
        callLog.callEnded(SampleCalls.unanswered("call-1", "2026-11-24T12:00:00+03:00", Outcome.BUSY, 3));
        opened.remove(callLog);
        callLog.close();
        Files.delete(blocker);

        assertEquals(1, direct().recoverInterrupted());
        assertEquals(List.of("call-1"), callIds(), "sent once, when the row first failed");
        assertEquals("busy", fields(events.list.get(0)).get("outcome"));
    }

    @Test
    void ratingIsOneEventWrittenOrNot() throws IOException {
        RatingLog ratings = new RatingLog(dir, SampleCalls.TERMINAL, MOSCOW, clock);
        ratings.record("call-1", 4);
        Files.createDirectory(dir.resolve("ratings-2026-11-25.csv"));
        clock.advance(Duration.ofDays(1));
        ratings.record("call-2", 2);

        assertEquals(2, events.list.size());
        assertEquals("RATING", events.list.get(0).getMarkerList().get(0).getName());
        assertEquals(Map.of("rated_at", "2026-11-24T12:00:00+03:00", "terminal_id", SampleCalls.TERMINAL,
                "call_id", "call-1", "rating", "4"), fields(events.list.get(0)));
        assertEquals("RATING rated_at=\"2026-11-25T12:00:00+03:00\" terminal_id=\"ivanovo-onco-hall1\" "
                + "call_id=\"call-2\" rating=\"2\"", events.list.get(1).getFormattedMessage());
    }

    @Test
    void valuesAreQuotedAndEscapedOnOneLine() {
        RecordEvents.emit(RecordEvents.CALL, List.of("target", "note"), List.of("sip:a\"b\\c@x", "two\nlines"));
        assertEquals("CALL target=\"sip:a\\\"b\\\\c@x\" note=\"two lines\"", events.list.get(0).getFormattedMessage());
        assertEquals(Map.of("target", "sip:a\"b\\c@x", "note", "two lines"), fields(events.list.get(0)));
    }

    private int rowsOnDisk() {
        try {
            return Files.readAllLines(dir.resolve("calls-2026-11-24.csv")).size() - 1;
        } catch (IOException e) {
            return -1;
        }
    }
}
