package org.hallphone.calllog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hallphone.call.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@code calls-YYYY-MM-DD.csv} file tolerantly: columns are found by the header's names (so files with
 * added columns still read), quoted fields may hold commas, quotes and line breaks, and a torn last line (no
 * final line break, left by a power cut) or a malformed line is skipped with one log line, never read as a
 * record. Each bad line is reported once per reader, so a screen that re-reads the file does not flood the log.
 * Thread-safe.
 */
public final class CallLogReader {

    private static final Logger log = LoggerFactory.getLogger(CallLogReader.class);

    /** Bounded so that a reader kept for months cannot grow without limit. */
    private static final int MAX_REPORTED = 1000;

    private final Set<String> reported = Collections.synchronizedSet(new LinkedHashSet<>());

    /** The records of {@code file} in file order; an empty list when the file does not exist. */
    public List<CallRecord> read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        // Malformed UTF-8 (a damaged sector) becomes U+FFFD instead of failing the whole file.
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /** The records of {@code text}; {@code source} names it in log lines. */
    List<CallRecord> parse(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CallRecord> records = new ArrayList<>();
        Map<String, Integer> index = CallRow.index(CallRow.COLUMNS);
        boolean first = true;
        for (Csv.Record record : Csv.parse(text)) {
            if (!record.terminated()) {
                report(source, record.line(), "incomplete last line (being written, or cut short by a power "
                        + "failure), skipped");
                continue;
            }
            if (first && record.wellFormed() && CallRow.isHeader(record.fields())) {
                index = CallRow.index(record.fields());
                first = false;
                continue;
            }
            first = false;
            if (!record.wellFormed()) {
                report(source, record.line(), "broken quoting, line skipped");
                continue;
            }
            try {
                records.add(CallRow.parse(index, record.fields()));
            } catch (IllegalArgumentException e) {
                report(source, record.line(), e.getMessage() + ", line skipped");
            }
        }
        return records;
    }

    private void report(String source, int line, String what) {
        String key = source + ':' + line + ':' + what;
        synchronized (reported) {
            if (!reported.add(key)) {
                return;
            }
            if (reported.size() > MAX_REPORTED) {
                reported.remove(reported.iterator().next());
            }
        }
        log.warn("{}:{}: {}", source, line, what);
    }
}
