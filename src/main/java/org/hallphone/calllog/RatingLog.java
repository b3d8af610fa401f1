package org.hallphone.calllog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patients' ratings of calls ("how did we help you?"), in their own daily files beside the call log so that
 * the call log stays append-only: {@code ratings-YYYY-MM-DD.csv} with the header
 * {@code rated_at,terminal_id,call_id,rating}, UTF-8, RFC 4180, each row forced to disk. A rating is joined to
 * its call by {@code call_id}, and each is also one event on the logger {@code hallphone.calls}
 * ({@link RecordEvents}). Thread-safe; {@link #record} waits for the disk, so call it off the FX thread.
 * Old files are deleted with the call log's ({@link Retention}).
 */
public final class RatingLog implements Ratings {

    public static final int MIN_STARS = 1;
    public static final int MAX_STARS = 5;

    static final List<String> COLUMNS = List.of("rated_at", "terminal_id", "call_id", "rating");
    static final String HEADER = Csv.line(COLUMNS);

    private static final Logger log = LoggerFactory.getLogger(RatingLog.class);

    private final Path dir;
    private final String terminalId;
    private final ZoneId zone;
    private final Clock clock;
    private final Disk disk;
    /** Day files whose folder entry this process has forced to disk (guarded by this). */
    private final Set<Path> namesSynced = new HashSet<>();

    /** The folder is the call log's ({@code calllog.dir}); it is created when missing. */
    public RatingLog(Path dir, String terminalId, ZoneId zone, Clock clock) {
        this(dir, terminalId, zone, clock, Disk.FSYNC);
    }

    RatingLog(Path dir, String terminalId, ZoneId zone, Clock clock, Disk disk) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.terminalId = Objects.requireNonNull(terminalId, "terminalId");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.disk = disk;
    }

    /**
     * Stores a rating of the call {@code callId}, dated now.
     *
     * @param stars 1 (bad) to 5 (good)
     * @return true when it is on disk; false when it could not be written (logged)
     * @throws IllegalArgumentException when {@code stars} is out of range or {@code callId} is empty
     */
    @Override
    public synchronized boolean record(String callId, int stars) {
        if (stars < MIN_STARS || stars > MAX_STARS) {
            throw new IllegalArgumentException("a rating is 1 to 5 stars, got " + stars);
        }
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("a rating needs the call's id");
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), zone);
        List<String> values = List.of(CallRow.timestamp(now, zone), terminalId, callId, Integer.toString(stars));
        Path file = DayFiles.file(dir, DayFiles.RATINGS, now.toLocalDate());
        try {
            Files.createDirectories(dir);
            AppendOnlyFile.append(file, HEADER, Csv.line(values), disk, namesSynced);
            return true;
        } catch (IOException e) {
            log.error("rating log {}: cannot write the rating of call {}: {}", dir, callId, e.toString());
            return false;
        } finally {
            // Once per rating, written or not: the centre may hold the only copy.
            RecordEvents.emit(RecordEvents.RATING, COLUMNS, values);
        }
    }

    /** Today's ratings (in the terminal's zone). Torn and malformed lines are skipped. */
    @Override
    public RatingCounts today() {
        LocalDate today = DayFiles.today(clock, zone);
        Integer[] counts = new Integer[MAX_STARS];
        Arrays.fill(counts, 0);
        for (int stars : read(DayFiles.file(dir, DayFiles.RATINGS, today))) {
            counts[stars - 1]++;
        }
        return new RatingCounts(today, Arrays.asList(counts));
    }

    private List<Integer> read(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("rating log: cannot read {}: {}", file, e.toString());
            return List.of();
        }
        List<Integer> ratings = new ArrayList<>();
        Map<String, Integer> index = CallRow.index(COLUMNS);
        boolean first = true;
        for (Csv.Record record : Csv.parse(text)) {
            List<String> fields = record.fields();
            if (first && !fields.isEmpty() && fields.get(0).trim().equals(COLUMNS.get(0))) {
                index = CallRow.index(fields);
                first = false;
                continue;
            }
            first = false;
            Integer column = index.get("rating");
            if (!record.terminated() || !record.wellFormed() || column == null || fields.size() != index.size()) {
                log.debug("{}:{}: incomplete or malformed rating line skipped", file, record.line());
                continue;
            }
            try {
                int stars = Integer.parseInt(fields.get(column).trim());
                if (stars >= MIN_STARS && stars <= MAX_STARS) {
                    ratings.add(stars);
                }
            } catch (NumberFormatException e) {
                log.debug("{}:{}: rating is not a number, line skipped", file, record.line());
            }
        }
        return ratings;
    }
}
