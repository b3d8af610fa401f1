package org.hallphone.calllog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Media;
import org.hallphone.call.Outcome;

/** The columns of {@code calls-YYYY-MM-DD.csv} and the mapping between a {@link CallRecord} and one row. */
final class CallRow {

    static final List<String> COLUMNS = List.of("started_at", "terminal_id", "call_id", "direction", "outcome",
            "answered_at", "ended_at", "wait_s", "talk_s", "target", "attempts", "sip_status", "ended_by", "media");
    /** Added after the first release: a file without it still reads (its calls have no media value). */
    static final String MEDIA = "media";

    static final String HEADER = Csv.line(COLUMNS);

    /** ISO-8601 with offset, seconds precision: {@code 2026-11-24T15:04:05+03:00} ({@code +00:00}, never Z). */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private CallRow() {
    }

    /** The record's row, timestamps in the terminal's zone; wait_s and talk_s derived from the timestamps. */
    static String line(CallRecord full, ZoneId zone) {
        return Csv.line(fields(full, zone));
    }

    /** The row in the columns of the first release, for a day file whose header has no {@code media}. */
    static String lineWithoutMedia(CallRecord record, ZoneId zone) {
        return Csv.line(fields(record, zone).subList(0, COLUMNS.indexOf(MEDIA)));
    }

    /** The row's values in the order of {@link #COLUMNS}, before CSV quoting. */
    static List<String> fields(CallRecord full, ZoneId zone) {
        // wait_s and talk_s follow from the written (whole-second) timestamps, so a row is self-consistent.
        CallRecord r = new CallRecord(seconds(full.startedAt()), full.terminalId(), full.callId(), full.direction(),
                full.outcome(), seconds(full.answeredAt()), seconds(full.endedAt()), full.target(), full.attempts(),
                full.sipStatus(), full.endedBy(), full.media());
        List<String> values = new ArrayList<>(COLUMNS.size());
        values.add(timestamp(r.startedAt(), zone));
        values.add(r.terminalId());
        values.add(r.callId());
        values.add(r.direction() == null ? "" : r.direction().csv());
        values.add(r.outcome() == null ? "" : r.outcome().csv());
        values.add(timestamp(r.answeredAt(), zone));
        values.add(timestamp(r.endedAt(), zone));
        values.add(Long.toString(Math.max(0, r.waitSeconds())));
        values.add(Long.toString(Math.max(0, r.talkSeconds())));
        values.add(r.target());
        values.add(Integer.toString(r.attempts()));
        values.add(Integer.toString(r.sipStatus()));
        values.add(r.endedBy() == null ? "" : r.endedBy().csv());
        values.add(r.media() == null ? "" : r.media().csv());
        return values;
    }

    /** True when {@code file} is new or empty, or its header names the media column. */
    static boolean hasMediaColumn(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return true;
        }
        String first;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = reader.readLine();
        } catch (java.nio.charset.MalformedInputException e) {
            return true; // not ours to judge here; the append goes on in today's format
        }
        if (first == null) {
            return true;
        }
        List<Csv.Record> header = Csv.parse(first + "\n");
        return header.isEmpty() || !isHeader(header.get(0).fields())
                || header.get(0).fields().stream().map(String::trim).anyMatch(MEDIA::equals);
    }

    private static OffsetDateTime seconds(OffsetDateTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
    }

    static String timestamp(OffsetDateTime time, ZoneId zone) {
        return time == null ? "" : TIMESTAMP.format(time.atZoneSameInstant(zone).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Column name to index, from a header record. */
    static Map<String, Integer> index(List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).trim(), i);
        }
        return index;
    }

    static boolean isHeader(List<String> fields) {
        // Found by names, not position, so that a file with columns in another order or added still reads.
        return fields.stream().map(String::trim).anyMatch("started_at"::equals)
                && fields.stream().map(String::trim).anyMatch("call_id"::equals);
    }

    /**
     * Reads one row; wait_s and talk_s are not read back (they follow from the timestamps).
     *
     * @throws IllegalArgumentException naming the column that is missing or unreadable
     */
    static CallRecord parse(Map<String, Integer> index, List<String> fields) {
        if (fields.size() != index.size()) {
            throw new IllegalArgumentException(fields.size() + " fields where the header has " + index.size());
        }
        OffsetDateTime startedAt = time(index, fields, "started_at", true);
        String callId = text(index, fields, "call_id");
        if (callId.isEmpty()) {
            throw new IllegalArgumentException("call_id is empty");
        }
        Direction direction = enumValue(index, fields, "direction", false, Direction::fromCsv);
        return new CallRecord(
                startedAt,
                text(index, fields, "terminal_id"),
                callId,
                direction,
                enumValue(index, fields, "outcome", false, Outcome::fromCsv),
                time(index, fields, "answered_at", false),
                time(index, fields, "ended_at", false),
                text(index, fields, "target"),
                number(index, fields, "attempts"),
                number(index, fields, "sip_status"),
                enumValue(index, fields, "ended_by", false, EndedBy::fromCsv),
                enumValue(index, fields, MEDIA, false, Media::fromCsv));
    }

    private static String text(Map<String, Integer> index, List<String> fields, String column) {
        Integer i = index.get(column);
        return i == null ? "" : Csv.plain(fields.get(i));
    }

    private static OffsetDateTime time(Map<String, Integer> index, List<String> fields, String column,
                                       boolean required) {
        return parsed(index, fields, column, required, OffsetDateTime::parse, "is not an ISO-8601 time with offset");
    }

    private static int number(Map<String, Integer> index, List<String> fields, String column) {
        String value = text(index, fields, column).trim();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a number: " + value);
        }
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T enumValue(Map<String, Integer> index, List<String> fields, String column,
                                   boolean required, Parser<T> parser) {
        return parsed(index, fields, column, required, parser, "has an unknown value");
    }

    /** The column's value read by {@code parser}; null when empty and optional. */
    private static <T> T parsed(Map<String, Integer> index, List<String> fields, String column, boolean required,
                                Parser<T> parser, String whenBad) {
        String value = text(index, fields, column).trim();
        if (value.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException(column + " is empty");
            }
            return null;
        }
        try {
            return parser.parse(value);
        } catch (RuntimeException e) { // DateTimeParseException, IllegalArgumentException of valueOf
            throw new IllegalArgumentException(column + " " + whenBad + ": " + value);
        }
    }
}
