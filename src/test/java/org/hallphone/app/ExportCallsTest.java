package org.hallphone.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hallphone.testing.KioskProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --export-calls FROM TO [FILE]} through {@link Main#run}, on a configuration naming the call log. */
class ExportCallsTest {

    private static final String HEADER = "started_at,terminal_id,call_id,direction,outcome,answered_at,ended_at,"
            + "wait_s,talk_s,target,attempts,sip_status,ended_by\r\n";
    private static final String ROW_24 = "2026-11-24T09:00:00+03:00,hall-1,c-1,out,answered,"
            + "2026-11-24T09:00:03+03:00,2026-11-24T09:01:03+03:00,3,60,sip:reps@pbx.example,1,200,patient\r\n";
    private static final String ROW_24_LATER = "2026-11-24T18:30:00+03:00,hall-1,c-2,out,busy,,"
            + "2026-11-24T18:30:02+03:00,2,0,sip:reps@pbx.example,1,486,timeout\r\n";
    private static final String ROW_26 = "2026-11-26T08:00:00+03:00,hall-1,c-3,out,abandoned,,"
            + "2026-11-26T08:00:09+03:00,9,0,sip:reps@pbx.example,1,0,patient\r\n";

    @TempDir
    Path dir;

    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }

    @BeforeEach
    void callLogOfThreeDaysWithAGap() throws IOException {
        Path calls = Files.createDirectories(dir.resolve("var/calls"));
        Files.writeString(calls.resolve("calls-2026-11-24.csv"), HEADER + ROW_24_LATER + ROW_24, UTF_8);
        Files.writeString(calls.resolve("calls-2026-11-26.csv"), HEADER + ROW_26 + "2026-11-26T09:00:00+03:00,ha",
                UTF_8);
        Files.writeString(calls.resolve("calls-2026-11-27.csv"), HEADER, UTF_8);
        config = KioskProperties.required().set("calllog.dir", calls).writeIn(dir);
    }

    /** The export's header names every column of today's rows; rows of files that predate a column get it empty. */
    private static final String EXPORT_HEADER = HEADER.replace("\r\n", ",media\r\n");

    private static String exported(String row) {
        return row.replace("\r\n", ",\r\n");
    }

    @Test
    void rangeGoesToAFileWithTheHeaderOnceAndTheSummaryToStandardError() throws IOException {
        Path file = dir.resolve("report.csv");
        assertEquals(0, run("--config", config.toString(), "--export-calls", "2026-11-20", "2026-11-30",
                file.toString()), err.toString(UTF_8));

        assertEquals(EXPORT_HEADER + exported(ROW_24) + exported(ROW_24_LATER) + exported(ROW_26),
                Files.readString(file, UTF_8));
        assertEquals("", out.toString(UTF_8));
        String summary = err.toString(UTF_8);
        assertTrue(summary.contains("skipped calls-2026-11-26.csv:3: incomplete last line"), summary);
        assertTrue(summary.contains("exported 3 calls from 3 day files (2026-11-20 to 2026-11-30)"), summary);
        try (var left = Files.list(dir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void withoutAFileTheCsvGoesToStandardOutput() {
        assertEquals(0, run("--export-calls", "2026-11-25", "2026-11-26", "--config", config.toString()),
                err.toString(UTF_8));
        assertEquals(EXPORT_HEADER + exported(ROW_26), out.toString(UTF_8));
    }

    @Test
    void badDaysAndRangesExitTwoWithAClearMessage() {
        assertEquals(2, run("--config", config.toString(), "--export-calls", "2026-11-31", "2026-12-01"));
        assertTrue(err.toString(UTF_8).contains("--export-calls: FROM is not a day YYYY-MM-DD: 2026-11-31"),
                err.toString(UTF_8));
        assertEquals(2, run("--config", config.toString(), "--export-calls", "2026-11-24", "24.11.2026"));
        assertTrue(err.toString(UTF_8).contains("TO is not a day YYYY-MM-DD: 24.11.2026"), err.toString(UTF_8));
        assertEquals(2, run("--config", config.toString(), "--export-calls", "2026-11-26", "2026-11-24"));
        assertTrue(err.toString(UTF_8).contains("FROM (2026-11-26) is after TO (2026-11-24)"), err.toString(UTF_8));
        assertEquals(2, run("--config", config.toString(), "--export-calls", "2026-11-26"));
        assertTrue(err.toString(UTF_8).contains("--export-calls needs FROM and TO"), err.toString(UTF_8));
        assertEquals(2, run("--export-calls", "2026-11-24", "2026-11-24", "--check-config"));
        assertEquals("", out.toString(UTF_8));
    }

    @Test
    void badConfigurationExitsTwo() throws IOException {
        KioskProperties.required().set("calllog.retention-days", "many").writeTo(config);
        assertEquals(2, run("--config", config.toString(), "--export-calls", "2026-11-24", "2026-11-24"));
        assertTrue(err.toString(UTF_8).contains("calllog.retention-days"), err.toString(UTF_8));
    }
}
