package org.hallphone.calllog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hallphone.call.CallJournal;
import org.hallphone.call.CallRecord;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;
import org.hallphone.config.CallLogConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable call journal: one CSV file per day, {@code calls-YYYY-MM-DD.csv} (the date of {@code started_at}
 * in the terminal's zone), UTF-8, RFC 4180, a header row and one row per call, appended and forced to disk
 * when the call ends.
 *
 * <p>Never losing a call: {@link #callStarted} leaves a durable marker {@code inprogress/<call_id>.marker}
 * (temporary file, fsync, atomic rename, fsync of the folder); {@link #callEnded} appends the row, forces it,
 * and only then deletes the marker. While a call is under way a heartbeat sets its marker's modification time
 * every {@link #HEARTBEAT}. At the next start {@link #recoverInterrupted} turns each marker left by a crash
 * into an {@code interrupted} row whose {@code ended_at} is that modification time: the last moment the
 * terminal was known alive in the call (at most one heartbeat early; never before {@code started_at}, never
 * after the restart). A marker whose call already has a row (the process died between the append and the
 * delete) is just deleted, so each call has exactly one row.
 *
 * <p>A torn last line (no final line break after a power cut) is never read as a record, and the next append
 * truncates it first (see {@link AppendOnlyFile}).
 *
 * <p>Thread-safe: the call flow writes, the screens read ({@link #recent}, {@link #today}) from any thread
 * without waiting for a write. A heartbeat daemon thread runs until {@link #close}.
 */
public final class CallLog implements CallJournal, CallHistory, AutoCloseable {

    /** How often the markers of calls under way are touched; the precision of an interrupted call's end. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(CallLog.class);

    private final Path dir;
    private final String terminalId;
    private final ZoneId zone;
    private final Clock clock;
    private final Disk disk;
    private final Markers markers;
    private final CallLogReader reader = new CallLogReader();
    private final FileChannel lock;
    private final ScheduledExecutorService heartbeat;

    private final Object writeLock = new Object();
    /** Calls whose marker this process wrote and that have not ended (guarded by writeLock). */
    private final Set<String> openCalls = new LinkedHashSet<>();
    /** Ended calls whose row could not be written yet (disk full, I/O error); retried (guarded by writeLock). */
    private final List<CallRecord> unwritten = new ArrayList<>();

    /**
     * Opens the call log in {@code dir}, creating the folder when missing.
     *
     * @param terminalId written when a record has none
     * @param zone       the terminal's zone: file dates and timestamps
     * @throws UncheckedIOException naming the folder when it cannot be created or written
     */
    public CallLog(Path dir, String terminalId, ZoneId zone, Clock clock) {
        this(dir, terminalId, zone, clock, Disk.FSYNC, HEARTBEAT);
    }

    CallLog(Path dir, String terminalId, ZoneId zone, Clock clock, Disk disk, Duration heartbeatPeriod) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.terminalId = Objects.requireNonNull(terminalId, "terminalId");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.disk = disk;
        this.markers = new Markers(dir, zone, disk);
        checkWritable(dir, markers.dir());
        this.lock = lock(dir);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "calllog-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = heartbeatPeriod.toMillis();
        heartbeat.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the call log of the configuration and does what belongs to start-up: writes the rows of calls
     * interrupted by a crash, then deletes day files older than {@code calllog.retention-days}.
     */
    public static CallLog open(CallLogConfig config, String terminalId, ZoneId zone, Clock clock) {
        CallLog callLog = new CallLog(config.dir(), terminalId, zone, clock);
        try {
            callLog.recoverInterrupted();
            callLog.deleteOlderThan(config.retentionDays());
            return callLog;
        } catch (RuntimeException e) {
            callLog.close();
            throw e;
        }
    }

    private static void checkWritable(Path dir, Path markerDir) {
        try {
            Files.createDirectories(markerDir);
            Files.delete(Files.createTempFile(dir, ".write-test-", ".tmp"));
            Files.delete(Files.createTempFile(markerDir, ".write-test-", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new UncheckedIOException(new IOException("call log folder " + dir.toAbsolutePath()
                    + " cannot be created or written (calllog.dir): " + e, e));
        }
    }

    /**
     * Holds {@code .lock} in the folder while open: a second process on the same folder would take the first
     * one's live calls for interrupted ones. The operating system releases the lock when a process dies.
     */
    private static FileChannel lock(Path dir) {
        Path file = dir.resolve(".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(new IOException("call log folder " + dir.toAbsolutePath()
                    + ": cannot lock " + file + ": " + e, e));
        } catch (OverlappingFileLockException e) {
            // held by another CallLog in this JVM
        }
        closeQuietly(channel);
        throw new IllegalStateException("call log folder " + dir.toAbsolutePath()
                + " is in use by another running Hallphone (calllog.dir)");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", channel, e.toString());
            }
        }
    }

    /** The folder of the daily files. */
    public Path dir() {
        return dir;
    }

    // ---- writing -------------------------------------------------------------------------------------------

    @Override
    public void callStarted(CallRecord started) {
        Objects.requireNonNull(started.callId(), "callId");
        Objects.requireNonNull(started.startedAt(), "startedAt");
        CallRecord record = withTerminal(started);
        synchronized (writeLock) {
            try {
                markers.write(record);
                openCalls.add(record.callId());
            } catch (IOException e) {
                // The call goes ahead; only its protection against a crash is missing.
                log.error("call log {}: cannot write the in-progress marker of call {}: {}", dir, record.callId(),
                        e.toString());
            }
        }
    }

    /** Rewrites the call's marker with its answer time, so an interrupted row keeps {@code answered_at}. */
    @Override
    public void callAnswered(CallRecord answered) {
        CallRecord record = withTerminal(answered);
        synchronized (writeLock) {
            if (!openCalls.contains(record.callId())) {
                return;
            }
            try {
                markers.write(record);
            } catch (IOException e) {
                log.error("call log {}: cannot update the in-progress marker of call {}: {}", dir, record.callId(),
                        e.toString());
            }
        }
    }

    @Override
    public void callEnded(CallRecord ended) {
        Objects.requireNonNull(ended.callId(), "callId");
        Objects.requireNonNull(ended.startedAt(), "startedAt");
        if (ended.outcome() == null || ended.endedAt() == null || ended.endedBy() == null) {
            log.warn("call log: call {} ended without outcome, end time or ended_by; written with empty cells",
                    ended.callId());
        }
        synchronized (writeLock) {
            unwritten.add(withTerminal(ended));
            writeUnwritten();
        }
    }

    /** Appends the rows still owed, oldest first; on failure they stay for the next call or close. */
    private void writeUnwritten() {
        while (!unwritten.isEmpty()) {
            CallRecord record = unwritten.get(0);
            try {
                append(record);
            } catch (IOException e) {
                log.error("call log {}: cannot write the row of call {} ({}); kept in memory and retried at the "
                        + "next call, its in-progress marker stays", dir, record.callId(), e.toString());
                return;
            }
            unwritten.remove(0);
            openCalls.remove(record.callId());
            log.info("call {} logged: {}", record.callId(),
                    record.outcome() == null ? "(no outcome)" : record.outcome().csv());
            try {
                markers.delete(record.callId());
            } catch (IOException e) {
                // Harmless: the row exists, so the next start deletes the marker without a second row.
                log.warn("call log {}: cannot delete the marker of call {}: {}", dir, record.callId(), e.toString());
            }
        }
    }

    private void append(CallRecord record) throws IOException {
        Path file = dayFile(record);
        // a day file begun by an older version (no media column) keeps its own columns to the end of the day
        String row = CallRow.hasMediaColumn(file) ? CallRow.line(record, zone) : CallRow.lineWithoutMedia(record, zone);
        AppendOnlyFile.append(file, CallRow.HEADER, row, disk);
    }

    private Path dayFile(CallRecord record) {
        return DayFiles.file(dir, DayFiles.CALLS, record.startedAt().atZoneSameInstant(zone).toLocalDate());
    }

    private CallRecord withTerminal(CallRecord r) {
        if (r.terminalId() != null && !r.terminalId().isEmpty()) {
            return r;
        }
        return new CallRecord(r.startedAt(), terminalId, r.callId(), r.direction(), r.outcome(), r.answeredAt(),
                r.endedAt(), r.target(), r.attempts(), r.sipStatus(), r.endedBy(), r.media());
    }

    /** Touches the markers of the calls under way (package-private for tests; runs on the heartbeat thread). */
    void heartbeat() {
        synchronized (writeLock) {
            Instant now = clock.instant();
            for (String callId : openCalls) {
                try {
                    markers.touch(callId, now);
                } catch (IOException e) {
                    log.warn("call log {}: cannot touch the marker of call {}: {}", dir, callId, e.toString());
                }
            }
        }
    }

    // ---- start-up --------------------------------------------------------------------------------------

    /**
     * Writes an {@code interrupted} row ({@code ended_by} {@code system}) for every call whose marker a crash
     * left behind, unless the call already has a row, and deletes the markers. Call once at start, before the
     * first call. An unreadable marker is renamed {@code *.marker.unreadable} and kept for the technician.
     *
     * @return how many interrupted rows were written
     * @throws UncheckedIOException when the marker folder cannot be read
     */
    public int recoverInterrupted() {
        synchronized (writeLock) {
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
                    if (recover(marker)) {
                        written++;
                    }
                } catch (IOException e) {
                    log.error("call log: cannot recover the interrupted call of {}: {}; tried again at the next "
                            + "start", marker, e.toString());
                }
            }
            return written;
        }
    }

    private boolean recover(Path marker) throws IOException {
        CallRecord started;
        try {
            started = withTerminal(Markers.read(marker));
        } catch (IllegalArgumentException e) {
            Path aside = Markers.setAside(marker);
            log.error("call log: unreadable in-progress marker ({}), kept as {}", e.getMessage(), aside);
            return false;
        }
        if (openCalls.contains(started.callId())) {
            return false;
        }
        if (hasRow(started.callId(), dayFile(started))) {
            log.info("call {} already has its row (the process stopped before deleting its marker)",
                    started.callId());
            markers.delete(started.callId());
            return false;
        }
        Instant lastAlive = Markers.lastModified(marker);
        Instant startedAt = started.startedAt().toInstant();
        Instant now = clock.instant();
        if (lastAlive.isBefore(startedAt)) {
            lastAlive = startedAt;
        } else if (lastAlive.isAfter(now) && !now.isBefore(startedAt)) {
            lastAlive = now;
        }
        OffsetDateTime endedAt = OffsetDateTime.ofInstant(lastAlive.truncatedTo(ChronoUnit.SECONDS), zone);
        CallRecord interrupted = started.ended(Outcome.INTERRUPTED, endedAt, EndedBy.SYSTEM);
        append(interrupted);
        log.warn("call {} was under way when the terminal stopped; logged as interrupted", started.callId());
        markers.delete(started.callId());
        return true;
    }

    private boolean hasRow(String callId, Path dayFile) throws IOException {
        for (CallRecord record : reader.read(dayFile)) {
            if (record.callId().equals(callId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes the daily call and rating files whose date is more than {@code days} days before today: today's
     * file and those of the previous {@code days} days are kept. 0 keeps everything. Other files are never
     * touched.
     *
     * @return how many files were deleted
     */
    public int deleteOlderThan(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("calllog.retention-days must be 0 or more, got " + days);
        }
        if (days == 0) {
            return 0;
        }
        LocalDate oldestKept = today(clock, zone).minusDays(days);
        int deleted = 0;
        for (String prefix : List.of(DayFiles.CALLS, DayFiles.RATINGS)) {
            Map<LocalDate, Path> files;
            try {
                files = DayFiles.list(dir, prefix);
            } catch (IOException e) {
                log.error("call log {}: cannot list the day files for retention: {}", dir, e.toString());
                return deleted;
            }
            for (Map.Entry<LocalDate, Path> file : files.entrySet()) {
                if (!file.getKey().isBefore(oldestKept)) {
                    break;
                }
                try {
                    Files.delete(file.getValue());
                    deleted++;
                } catch (IOException e) {
                    log.warn("call log: cannot delete old file {}: {}", file.getValue(), e.toString());
                }
            }
        }
        if (deleted > 0) {
            log.info("call log {}: deleted {} day files older than {} days", dir, deleted, days);
        }
        return deleted;
    }

    // ---- reading for the screens -----------------------------------------------------------------------

    /**
     * The {@code n} most recent calls, newest (by {@code started_at}) first, across day files. Torn and
     * malformed lines are skipped (and logged once).
     */
    @Override
    public List<CallRecord> recent(int n) {
        List<CallRecord> result = new ArrayList<>();
        if (n <= 0) {
            return result;
        }
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
            Collections.reverse(records);
            records.sort(Comparator.comparing((CallRecord r) -> r.startedAt().toInstant()).reversed());
            for (CallRecord record : records) {
                result.add(record);
                if (result.size() == n) {
                    return result;
                }
            }
        }
        return result;
    }

    /** Today's calls (in the terminal's zone) counted by outcome. */
    @Override
    public DayCounts today() {
        LocalDate today = today(clock, zone);
        List<CallRecord> records = new ArrayList<>();
        for (CallRecord record : readQuietly(DayFiles.file(dir, DayFiles.CALLS, today))) {
            if (record.startedAt().atZoneSameInstant(zone).toLocalDate().equals(today)) {
                records.add(record);
            }
        }
        return DayCounts.of(today, records);
    }

    private List<CallRecord> readQuietly(Path file) {
        try {
            return reader.read(file);
        } catch (IOException e) {
            log.warn("call log: cannot read {}: {}", file, e.toString());
            return List.of();
        }
    }

    static LocalDate today(Clock clock, ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /**
     * Stops the heartbeat, makes a last attempt at rows that could not be written and releases the folder.
     * Markers of calls still under way stay (they are interrupted calls at the next start).
     */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        synchronized (writeLock) {
            if (!unwritten.isEmpty()) {
                writeUnwritten();
            }
            closeQuietly(lock);
            if (!unwritten.isEmpty()) {
                log.error("call log {}: {} rows could not be written; their calls are logged as interrupted at "
                        + "the next start", dir, unwritten.size());
            }
        }
    }
}
