package org.hallphone.calllog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.hallphone.call.CallRecord;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery at start: each in-progress marker a crash left behind becomes the call's row. A call under way
 * becomes {@code interrupted} by {@code system}, ended at the marker's modification time (the last heartbeat: the
 * last moment the terminal was known alive in the call; never before {@code started_at}, never after the
 * restart). A marker that already holds the call's end (its row could not be written before the crash) gives that
 * row as it was. A marker whose call already has a row (the process died between the append and the delete) is
 * just deleted, so each call has exactly one row. Runs under the call log's write lock.
 */
final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final Markers markers;
    private final DayRows rows;
    private final ZoneId zone;
    private final Clock clock;

    Recovery(Markers markers, DayRows rows, ZoneId zone, Clock clock) {
        this.markers = markers;
        this.rows = rows;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Writes the row of every call whose marker a crash left behind and deletes the markers. An unreadable
     * marker is renamed {@code *.marker.unreadable} and kept for the technician.
     *
     * @param live calls this process knows (under way, or a row not on disk yet): their markers are not a crash's
     * @return how many rows were written
     * @throws UncheckedIOException when the marker folder cannot be read
     */
    int run(Predicate<String> live) {
        List<Path> found;
        try {
            markers.deleteTemporaries();
            found = markers.list();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("call log folder " + markers.dir().toAbsolutePath()
                    + " cannot be read: " + e, e));
        }
        int written = 0;
        for (Path marker : found) {
            try {
                if (recover(marker, live)) {
                    written++;
                }
            } catch (IOException e) {
                log.error("call log: cannot recover the interrupted call of {}: {}; tried again at the next "
                        + "start", marker, e.toString());
            }
        }
        return written;
    }

    private boolean recover(Path marker, Predicate<String> live) throws IOException {
        CallRecord started;
        try {
            started = Markers.read(marker);
        } catch (IllegalArgumentException e) {
            Path aside = Markers.setAside(marker);
            log.error("call log: unreadable in-progress marker ({}), kept as {}", e.getMessage(), aside);
            return false;
        }
        if (live.test(started.callId())) {
            return false;
        }
        if (rows.hasRow(started.callId(), rows.file(started))) {
            log.info("call {} already has its row (the process stopped before deleting its marker)",
                    started.callId());
            markers.delete(started.callId());
            return false;
        }
        if (started.outcome() != null && started.endedAt() != null && started.endedBy() != null) {
            rows.append(started);
            // No event: the process that wrote this end into the marker sent it when the row failed.
            log.warn("call {} ended but its row was not on disk when the terminal stopped; written now",
                    started.callId());
            markers.delete(started.callId());
            return true;
        }
        CallRecord interrupted = started.ended(Outcome.INTERRUPTED, lastAlive(marker, started), EndedBy.SYSTEM);
        rows.append(interrupted);
        rows.emit(interrupted);
        log.warn("call {} was under way when the terminal stopped; logged as interrupted", started.callId());
        markers.delete(started.callId());
        return true;
    }

    /** The marker's last heartbeat, kept between the call's start and now (a clock set back or forward). */
    private OffsetDateTime lastAlive(Path marker, CallRecord started) throws IOException {
        Instant lastAlive = Markers.lastModified(marker);
        Instant startedAt = started.startedAt().toInstant();
        Instant now = clock.instant();
        if (lastAlive.isBefore(startedAt)) {
            lastAlive = startedAt;
        } else if (lastAlive.isAfter(now) && !now.isBefore(startedAt)) {
            lastAlive = now;
        }
        return OffsetDateTime.ofInstant(lastAlive.truncatedTo(ChronoUnit.SECONDS), zone);
    }
}
