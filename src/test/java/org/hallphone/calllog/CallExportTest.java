package org.hallphone.calllog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CallExport}: day files written by the real call log, one CSV out. */
class CallExportTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));

    private static CallRecord call(String id, String startedAt, int talkS) {
        return SampleCalls.answered(id, startedAt, 3, talkS);
    }

    private String export(String from, String to, CallExport.Result[] result) throws IOException {
        StringWriter out = new StringWriter();
        result[0] = CallExport.write(dir, LocalDate.parse(from), LocalDate.parse(to), out);
        return out.toString();
    }

    @Test
    void rangeOfDayFilesIsOneCsvWithTheHeaderOnceInTimeOrder() throws IOException {
        CallRecord before = call("c-23", "2026-11-23T10:00:00+03:00", 10);
        CallRecord early = call("c-24a", "2026-11-24T09:00:00+03:00", 600);   // ends last: appended second
        CallRecord late = call("c-24b", "2026-11-24T09:05:00+03:00", 5);
        CallRecord formula = new CallRecord(OffsetDateTime.parse("2026-11-25T11:00:00+03:00"), SampleCalls.TERMINAL,
                "c-25", Direction.IN, Outcome.ANSWERED, OffsetDateTime.parse("2026-11-25T11:00:04+03:00"),
                OffsetDateTime.parse("2026-11-25T11:02:00+03:00"), "=HYPERLINK(\"x\",\"y, z\")", 1, 200,
                EndedBy.REMOTE);
        CallRecord last = call("c-27", "2026-11-27T23:59:59+03:00", 2);
        CallRecord after = call("c-28", "2026-11-28T00:00:01+03:00", 2);
        try (CallLog callLog = new CallLog(dir, MOSCOW, clock, Writing.direct(Disk.FSYNC))) {
            for (CallRecord record : List.of(before, late, early, formula, last, after)) {
                callLog.callEnded(record);
            }
        }
        // A power cut tore the last line of the 25th; the 26th has no file at all.
        Files.writeString(dir.resolve("calls-2026-11-25.csv"), "2026-11-25T12:00:00+03:00,ivanovo-onco-hall1,c-to",
                UTF_8, StandardOpenOption.APPEND);

        CallExport.Result[] result = new CallExport.Result[1];
        String csv = export("2026-11-24", "2026-11-27", result);

        assertEquals(CallRow.HEADER + CallRow.line(early, MOSCOW) + CallRow.line(late, MOSCOW)
                + CallRow.line(formula, MOSCOW) + CallRow.line(last, MOSCOW), csv);
        assertEquals(4, result[0].rows());
        assertEquals(3, result[0].files());
        assertEquals(1, result[0].skipped().size(), result[0].skipped().toString());
        assertTrue(result[0].skipped().get(0).startsWith("calls-2026-11-25.csv:3: incomplete last line"),
                result[0].skipped().toString());
        assertEquals("2026-11-25T12:00:00+03:00,ivanovo-onco-hall1,c-to",
                Files.readString(dir.resolve("calls-2026-11-25.csv"), UTF_8).lines().reduce((a, b) -> b).get(),
                "the export reads only");

        assertEquals(CallRow.HEADER + CallRow.line(last, MOSCOW), export("2026-11-27", "2026-11-27", result));
        assertEquals(CallRow.HEADER, export("2026-11-26", "2026-11-26", result), "a day without calls");
        assertEquals(0, result[0].files());
    }

    @Test
    void filesWithColumnsInAnotherOrderAndBadLinesExportUnderTheStandardHeader() throws IOException {
        Files.writeString(dir.resolve("calls-2026-11-24.csv"), "call_id,started_at,outcome,extra\r\n"
                + "c-2,2026-11-24T10:00:00+03:00,busy,x\r\n"
                + "c-bad,yesterday,busy,x\r\n"
                + "c-1,2026-11-24T09:00:00+03:00,\"no_answer\",y\r\n"
                + "c-short,2026-11-24T09:00:00+03:00\r\n", UTF_8);

        CallExport.Result[] result = new CallExport.Result[1];
        String csv = export("2026-11-24", "2026-11-24", result);

        assertEquals(CallRow.HEADER
                + "2026-11-24T09:00:00+03:00,,c-1,,no_answer,,,,,,,,,\r\n"
                + "2026-11-24T10:00:00+03:00,,c-2,,busy,,,,,,,,,\r\n", csv);
        assertEquals(List.of("calls-2026-11-24.csv:3: started_at is not an ISO-8601 time with offset: yesterday",
                "calls-2026-11-24.csv:5: 2 fields where the header has 4"), result[0].skipped());
    }

    @Test
    void rangeBackwardsOrMissingFolderIsAClearError() {
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> CallExport.write(dir, LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-24"),
                        new StringWriter()));
        assertTrue(backwards.getMessage().contains("2026-11-25"), backwards.getMessage());
        IOException missing = assertThrows(IOException.class, () -> CallExport.write(dir.resolve("nope"),
                LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-24"), new StringWriter()));
        assertTrue(missing.getMessage().contains("calllog.dir"), missing.getMessage());
    }
}
