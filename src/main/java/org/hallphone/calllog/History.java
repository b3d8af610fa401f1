package org.hallphone.calllog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.hallphone.call.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading the call log for the screens: the most recent calls and today's counts, from the day files plus the
 * rows handed over but not on disk yet. Reads from any thread without waiting for a write. Torn and malformed
 * lines are skipped (and logged once).
 */
final class History implements CallHistory {

    private static final Logger log = LoggerFactory.getLogger(History.class);

    private static final Comparator<CallRecord> NEWEST_FIRST =
            Comparator.comparing((CallRecord r) -> r.startedAt().toInstant()).reversed();

    private final Path dir;
    private final ZoneId zone;
    private final Clock clock;
    private final Supplier<Collection<CallRecord>> notOnDisk;
    private final CallLogReader reader = new CallLogReader();

    /** @param notOnDisk ended calls handed over whose rows are not in their files yet */
    History(Path dir, ZoneId zone, Clock clock, Supplier<Collection<CallRecord>> notOnDisk) {
        this.dir = dir;
        this.zone = zone;
        this.clock = clock;
        this.notOnDisk = notOnDisk;
    }

    /** The {@code n} most recent calls, newest (by {@code started_at}) first, across day files. */
    @Override
    public List<CallRecord> recent(int n) {
        if (n <= 0) {
            return new ArrayList<>();
        }
        // Taken before the files are read: a row leaves this map only once it is in its file.
        List<CallRecord> pending = new ArrayList<>(notOnDisk.get());
        List<CallRecord> result = fromFiles(n);
        Set<String> seen = new HashSet<>();
        result.forEach(r -> seen.add(r.callId()));
        for (CallRecord record : pending) {
            if (seen.add(record.callId())) {
                result.add(record);
            }
        }
        if (result.size() > 1) {
            result.sort(NEWEST_FIRST);
        }
        return result.size() > n ? new ArrayList<>(result.subList(0, n)) : result;
    }

    private List<CallRecord> fromFiles(int n) {
        List<CallRecord> result = new ArrayList<>();
        TreeMap<LocalDate, Path> files;
        try {
            files = new TreeMap<>(DayFiles.list(dir, DayFiles.CALLS));
        } catch (IOException e) {
            log.warn("call log {}: cannot list the day files: {}", dir, e.toString());
            return result;
        }
        // Every row of a day file started on that day, so newest files first, each sorted, is newest first.
        for (Path file : files.descendingMap().values()) {
            List<CallRecord> records = new ArrayList<>(readQuietly(file));
            // Rows are appended in the order calls end, so two calls started in the same second keep their file
            // order under the stable sort; reversed first, the one written last (ended last) comes first.
            Collections.reverse(records);
            records.sort(NEWEST_FIRST);
            for (CallRecord record : records) {
                result.add(record);
                if (result.size() == n) {
                    return result;
                }
            }
        }
        return result;
    }

    /** Today's calls (in the terminal's zone) counted by outcome, rows not yet on disk included. */
    @Override
    public DayCounts today() {
        LocalDate today = DayFiles.today(clock, zone);
        List<CallRecord> pending = new ArrayList<>(notOnDisk.get());
        List<CallRecord> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CallRecord record : readQuietly(DayFiles.file(dir, DayFiles.CALLS, today))) {
            if (startedOn(record, today)) {
                records.add(record);
                seen.add(record.callId());
            }
        }
        for (CallRecord record : pending) {
            if (startedOn(record, today) && seen.add(record.callId())) {
                records.add(record);
            }
        }
        return DayCounts.of(today, records);
    }

    private boolean startedOn(CallRecord record, LocalDate day) {
        return record.startedAt().atZoneSameInstant(zone).toLocalDate().equals(day);
    }

    private List<CallRecord> readQuietly(Path file) {
        try {
            return reader.read(file);
        } catch (IOException e) {
            log.warn("call log: cannot read {}: {}", file, e.toString());
            return List.of();
        }
    }
}
