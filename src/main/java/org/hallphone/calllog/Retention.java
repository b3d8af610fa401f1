package org.hallphone.calllog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the daily call and rating files older than {@code calllog.retention-days}, without trusting the clock:
 * a board with a flat clock battery boots in 1970 or 2000, and a bad time source jumps years ahead. Each deletion
 * is a warning, and counted; so is each run refused because the clock looked wrong.
 */
final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final Path dir;
    private final ZoneId zone;
    private final Clock clock;
    private final AtomicLong filesDeleted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    Retention(Path dir, ZoneId zone, Clock clock) {
        this.dir = dir;
        this.zone = zone;
        this.clock = clock;
    }

    /** Day files deleted since start. */
    long filesDeleted() {
        return filesDeleted.get();
    }

    /** Runs refused since start because the clock looked wrong. */
    long refused() {
        return refused.get();
    }

    /**
     * Deletes the daily call and rating files whose date is more than {@code days} days before today: today's
     * file and those of the previous {@code days} days are kept. 0 keeps everything. Other files are never
     * touched. Nothing is deleted when today is before {@code buildDate} or before the newest day file, or when
     * even the newest day file is older than the window (a jump forward would empty the log); a file modified
     * within the window, or dated before {@link CallLog#EARLIEST_PLAUSIBLE} (it was written while the clock was
     * wrong, so it holds recent calls), is never deleted.
     *
     * @return how many files were deleted
     */
    int deleteOlderThan(int days, LocalDate buildDate) {
        if (days < 0) {
            throw new IllegalArgumentException("calllog.retention-days must be 0 or more, got " + days);
        }
        if (days == 0) {
            return 0;
        }
        List<Map.Entry<LocalDate, Path>> all = new ArrayList<>();
        for (String prefix : List.of(DayFiles.CALLS, DayFiles.RATINGS)) {
            try {
                all.addAll(DayFiles.list(dir, prefix).entrySet());
            } catch (IOException e) {
                log.error("call log {}: cannot list the day files for retention: {}", dir, e.toString());
                return 0;
            }
        }
        LocalDate today = DayFiles.today(clock, zone);
        String refusal = refusal(today, days, buildDate, newest(all));
        if (refusal != null) {
            refused.incrementAndGet();
            log.warn("call log {}: retention skipped, nothing deleted: {}", dir, refusal);
            return 0;
        }
        LocalDate oldestKept = today.minusDays(days);
        Instant windowStart = clock.instant().minus(Duration.ofDays(days));
        int deleted = 0;
        for (Map.Entry<LocalDate, Path> file : all) {
            if (file.getKey().isBefore(oldestKept) && delete(file.getValue(), file.getKey(), days, windowStart)) {
                deleted++;
            }
        }
        return deleted;
    }

    private static LocalDate newest(List<Map.Entry<LocalDate, Path>> files) {
        LocalDate newest = null;
        for (Map.Entry<LocalDate, Path> file : files) {
            if (newest == null || file.getKey().isAfter(newest)) {
                newest = file.getKey();
            }
        }
        return newest;
    }

    /** Why the clock cannot be trusted with deleting today; null when it can. */
    private static String refusal(LocalDate today, int days, LocalDate buildDate, LocalDate newest) {
        LocalDate floor = buildDate.isAfter(CallLog.EARLIEST_PLAUSIBLE) ? buildDate : CallLog.EARLIEST_PLAUSIBLE;
        if (today.isBefore(floor)) {
            return "the clock says " + today + ", before this software was built (" + floor + ")";
        }
        if (newest != null && today.isBefore(newest)) {
            return "the clock says " + today + ", before the newest day file (" + newest + ")";
        }
        if (newest != null && newest.isBefore(today.minusDays(days))) {
            return "even the newest day file (" + newest + ") is older than " + days
                    + " days: the clock may have jumped forward";
        }
        return null;
    }

    /** Deletes one day file dated before the window unless it looks recent after all; true when deleted. */
    private boolean delete(Path path, LocalDate date, int days, Instant windowStart) {
        try {
            if (date.isBefore(CallLog.EARLIEST_PLAUSIBLE)) {
                log.warn("call log: kept {}: dated before Hallphone existed, so written while the clock was "
                        + "wrong; it holds real calls (rename or remove it by hand)", path);
                return false;
            }
            Instant modified = Files.getLastModifiedTime(path).toInstant();
            if (modified.isAfter(windowStart)) {
                log.warn("call log: kept {}: dated {} but modified {}, within the last {} days", path, date,
                        modified, days);
                return false;
            }
            Files.delete(path);
            filesDeleted.incrementAndGet();
            log.warn("call log: deleted {} (dated {}, more than calllog.retention-days={} days ago)", path, date,
                    days);
            return true;
        } catch (IOException e) {
            log.warn("call log: cannot delete old file {}: {}", path, e.toString());
            return false;
        }
    }
}
