package org.hallphone.calllog;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One CSV for a range of days, for reports ({@code bin/hallphone --export-calls FROM TO [FILE]}): the rows of
 * every {@code calls-YYYY-MM-DD.csv} from {@code from} to {@code to} (both included; missing days are simply
 * absent), under the header once, in the order of {@code started_at}. Columns are found by each file's header, so
 * files whose columns are in another order still export under the standard header (extra columns are left out).
 * Values are copied as they are in the files. A torn last line (a write cut short by a power failure) and a
 * malformed line are left out and named in {@link Result#skipped}. Reads only: the files are never changed, so it
 * is safe beside a running terminal.
 */
public final class CallExport {

    /**
     * What was exported.
     *
     * @param rows    rows written
     * @param files   day files read
     * @param skipped {@code file:line: why} for each line left out
     */
    public record Result(int rows, int files, List<String> skipped) {
    }

    private record Row(Instant startedAt, List<String> values) {
    }

    private CallExport() {
    }

    /**
     * Writes the header and the rows of the days {@code from} to {@code to} of the call log in {@code dir}.
     *
     * @throws IllegalArgumentException when {@code from} is after {@code to}
     * @throws IOException              when a day file or the folder cannot be read, or {@code out} fails
     */
    public static Result write(Path dir, LocalDate from, LocalDate to, Writer out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("the range starts (" + from + ") after it ends (" + to + ")");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("call log folder " + dir.toAbsolutePath() + " does not exist (calllog.dir)");
        }
        List<Row> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int files = 0;
        for (Map.Entry<LocalDate, Path> day : DayFiles.list(dir, DayFiles.CALLS).entrySet()) {
            if (day.getKey().isBefore(from) || day.getKey().isAfter(to)) {
                continue;
            }
            files++;
            read(day.getValue(), rows, skipped);
        }
        // A stable sort: calls started in the same second keep the order of their files.
        rows.sort(Comparator.comparing(Row::startedAt));
        out.write(CallRow.HEADER);
        for (Row row : rows) {
            out.write(Csv.line(row.values()));
        }
        out.flush();
        return new Result(rows.size(), files, List.copyOf(skipped));
    }

    private static void read(Path file, List<Row> rows, List<String> skipped) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String name = file.getFileName().toString();
        Map<String, Integer> index = CallRow.index(CallRow.COLUMNS);
        boolean first = true;
        for (Csv.Record record : Csv.parse(text)) {
            String where = name + ":" + record.line() + ": ";
            if (!record.terminated()) {
                skipped.add(where + "incomplete last line (cut short by a power failure, or being written)");
                continue;
            }
            if (first && record.wellFormed() && CallRow.isHeader(record.fields())) {
                index = CallRow.index(record.fields());
                first = false;
                continue;
            }
            first = false;
            if (!record.wellFormed()) {
                skipped.add(where + "broken quoting");
                continue;
            }
            List<String> fields = record.fields();
            if (fields.size() != index.size()) {
                skipped.add(where + fields.size() + " fields where the header has " + index.size());
                continue;
            }
            List<String> values = new ArrayList<>(CallRow.COLUMNS.size());
            for (String column : CallRow.COLUMNS) {
                Integer i = index.get(column);
                values.add(i == null ? "" : Csv.plain(fields.get(i)));
            }
            try {
                Instant startedAt = OffsetDateTime.parse(values.get(0).trim()).toInstant();
                rows.add(new Row(startedAt, values));
            } catch (DateTimeParseException e) {
                skipped.add(where + "started_at is not an ISO-8601 time with offset: " + values.get(0));
            }
        }
    }
}
