package org.hallphone.calllog;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hallphone.call.CallJournal;
import org.hallphone.call.CallRecord;
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
 * into an {@code interrupted} row whose {@code ended_at} is that modification time, at most one heartbeat early
 * (see {@link Recovery}). Old day files go by {@link Retention}; the screens read through {@link History}.
 *
 * <p>Never waiting for the disk: every file operation runs on one writer thread ({@link JournalThread}), so
 * {@link #callStarted}, {@link #callAnswered} and {@link #callEnded} return at once and the call flow dials
 * first; the writes follow in order.
 *
 * <p>Honest when the disk fails: a marker or row that cannot be written (disk full, file system remounted
 * read-only, a day file that belongs to another user) is logged as one structured line holding the whole row
 * ({@code CALLLOG_UNWRITTEN ... row=...}, so the system journal keeps a copy), kept in memory, shown in
 * {@link #status} (the health endpoint reports it) and retried every {@link #RETRY} (see {@link RowWriter} and
 * {@link OpenCalls}). A folder that cannot be written at start does not stop the terminal: it runs without a
 * journal (degraded) and takes the folder into use, with the recovery and retention of start-up, as soon as it
 * can be written (see {@link JournalFolder}).
 *
 * <p>Records to the centre: every row is also one structured event on the logger {@code hallphone.calls}
 * ({@link RecordEvents}), exactly once per call: when the row is written, or at its {@code CALLLOG_UNWRITTEN}
 * line when it cannot be (a failed write, or a writer stuck on a hung disk; the late write sends nothing more),
 * and for each call recovered as {@code interrupted} at start.
 *
 * <p>A torn last line (no final line break after a power cut) is never read as a record, and the next append
 * truncates it first (see {@link AppendOnlyFile}).
 *
 * <p>Thread-safe: the call flow hands records over, the screens read ({@link #recent}, {@link #today}) from any
 * thread without waiting for a write; rows not yet on disk are included in what they read. The terminal id is
 * the record's own: the call flow sets it.
 */
public final class CallLog implements CallJournal, CallHistory, AutoCloseable {

    /** How often the markers of calls under way are touched; the precision of an interrupted call's end. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    /** The logger on which every row and rating is also an event (README "Records to the centre"). */
    public static final String RECORDS_LOGGER = "hallphone.calls";

    /** How often rows and markers that could not be written are tried again. */
    public static final Duration RETRY = Duration.ofSeconds(30);

    /** A write that has not finished after this long means a hung disk: {@link #status} says so. */
    static final Duration STALLED = Duration.ofSeconds(10);

    /** How long {@link #close} waits for the writes already handed over. */
    static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);

    /**
     * No call log of this software can be older than this day: a clock before it is wrong, and a day file dated
     * before it was written under a wrong clock (retention keeps such files).
     */
    public static final LocalDate EARLIEST_PLAUSIBLE = LocalDate.of(2026, 1, 1);

    private static final Logger log = LoggerFactory.getLogger(CallLog.class);

    private static final String WRITER_STUCK = "the call log's writer is stuck (disk hung?): "
            + JournalThread.MAX_QUEUED + " writes waiting";

    private final Path dir;
    private final Clock clock;
    private final DayRows rows;
    private final Recovery recovery;
    private final Retention retention;
    private final History history;
    private final JournalThread writer;

    private final Object writeLock = new Object();
    /** The folder, held while usable, and the start-up work that waits for it (guarded by writeLock). */
    private final JournalFolder folder;
    /** Calls under way and their markers (guarded by writeLock). */
    private final OpenCalls open;
    /** The rows of ended calls, and those owed (guarded by writeLock). */
    private final RowWriter rowWriter;

    /** Ended calls handed over and not yet on disk, for the readers (any thread). */
    private final Map<String, CallRecord> notOnDisk = new ConcurrentHashMap<>();
    /** Ended calls the writer could not take (queue full): the retry hands them to the row writer. */
    private final Queue<CallRecord> overflow = new ConcurrentLinkedQueue<>();
    private final WriteTrouble trouble = new WriteTrouble();

    /**
     * What the health endpoint shows of the journal.
     *
     * @param ok                true when everything handed over is on disk and the folder is usable
     * @param problem           what is wrong, in a technician's words (empty when ok)
     * @param unwrittenRows     ended calls whose row is not on disk yet
     * @param callsWithoutMarker calls under way without a durable marker (a crash now would lose them)
     * @param writeErrors       failed writes since start (markers, rows, folder)
     * @param filesDeleted      day files deleted by retention since start
     * @param retentionRefused  retention runs refused because the clock looked wrong
     */
    public record Status(boolean ok, String problem, int unwrittenRows, int callsWithoutMarker, long writeErrors,
                         long filesDeleted, long retentionRefused) {
    }

    /**
     * Opens the call log in {@code dir}, creating the folder when missing. A folder that cannot be created or
     * written leaves the log degraded (see {@link #status}) and is tried again every {@link #RETRY}.
     *
     * @param zone the terminal's zone: file dates and timestamps
     * @throws IllegalStateException when another running Hallphone holds the folder
     */
    public CallLog(Path dir, ZoneId zone, Clock clock) {
        this(dir, zone, clock, Writing.PRODUCTION);
    }

    CallLog(Path dir, ZoneId zone, Clock clock, Writing writing) {
        this.dir = Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        Disk disk = writing.disk();
        Markers markers = new Markers(dir, zone, disk);
        this.rows = new DayRows(dir, zone, disk);
        this.folder = new JournalFolder(dir, markers.dir(), disk, trouble);
        this.open = new OpenCalls(markers, rows, trouble);
        this.rowWriter = new RowWriter(rows, markers, trouble, notOnDisk);
        this.recovery = new Recovery(markers, rows, zone, clock);
        this.retention = new Retention(dir, zone, clock);
        this.history = new History(dir, zone, clock, notOnDisk::values);
        this.writer = new JournalThread(writing.direct());
        synchronized (writeLock) {
            try {
                folder.use();
            } catch (IllegalStateException inUse) {
                writer.finish(Duration.ZERO);
                throw inUse;
            }
        }
        writer.every(writing.heartbeat(), this::heartbeat);
        writer.every(writing.retry(), this::retryNow);
    }

    /**
     * Opens the call log of the configuration and does what belongs to start-up: writes the rows of calls
     * interrupted by a crash, then deletes day files older than {@code calllog.retention-days} (see
     * {@link #deleteOlderThan(int, LocalDate)}). When the folder cannot be used yet, both happen as soon as it
     * can.
     *
     * @param buildDate the day this software was built: a clock before it is wrong
     */
    public static CallLog open(CallLogConfig config, ZoneId zone, Clock clock, LocalDate buildDate) {
        CallLog callLog = new CallLog(config.dir(), zone, clock);
        try {
            callLog.startUp(config.retentionDays(), buildDate);
            return callLog;
        } catch (RuntimeException e) {
            callLog.close();
            throw e;
        }
    }

    /** Recovery and retention now, or as soon as the folder can be used. */
    void startUp(int retentionDays, LocalDate buildDate) {
        LocalDate plausible = buildDate.isAfter(EARLIEST_PLAUSIBLE) ? buildDate : EARLIEST_PLAUSIBLE;
        synchronized (writeLock) {
            folder.startUpWhenUsable(() -> recoverAndRetain(retentionDays, plausible));
        }
    }

    /** Receives the time each write took, from hand-over to durable (for the journal-latency metric). */
    public void observeWriteLatency(Consumer<Duration> observer) {
        writer.observeLatency(Objects.requireNonNull(observer, "observer"));
    }

    /** Recovery and retention of start-up, once the folder is usable (guarded by writeLock). */
    private void recoverAndRetain(int retentionDays, LocalDate buildDate) {
        try {
            recoverInterrupted();
        } catch (UncheckedIOException e) {
            trouble.failed("cannot read the in-progress markers: " + e.getCause().getMessage());
            log.error("call log: {}", trouble.problem());
        }
        deleteOlderThan(retentionDays, buildDate);
    }

    /** The folder of the daily files. */
    public Path dir() {
        return dir;
    }

    /** The journal's health, for {@code /health} and {@code /metrics}. */
    public Status status() {
        int unwritten = rowWriter.unwritten() + overflow.size();
        int withoutMarker = open.withoutMarker();
        String now = trouble.problem();
        Duration busy = writer.busyFor();
        if (busy.compareTo(STALLED) > 0) {
            // Nothing failed yet: the writer is stuck in the kernel (a hung SD card), holding every later row.
            unwritten = Math.max(unwritten, notOnDisk.size());
            now = "the disk has not finished a call-log write for " + busy.toSeconds() + " s (hung?); "
                    + notOnDisk.size() + " call rows wait in memory";
            return new Status(false, now, unwritten, withoutMarker, trouble.errors(), retention.filesDeleted(),
                    retention.refused());
        }
        boolean ok = now.isEmpty() && unwritten == 0 && withoutMarker == 0;
        if (now.isEmpty() && !ok) {
            now = unwritten > 0 ? unwritten + " call rows not written yet" : withoutMarker
                    + " calls under way without an in-progress marker";
        }
        return new Status(ok, now, unwritten, withoutMarker, trouble.errors(), retention.filesDeleted(),
                retention.refused());
    }

    // ---- writing (the caller's side returns at once) -------------------------------------------------------

    @Override
    public void callStarted(CallRecord started) {
        Objects.requireNonNull(started.callId(), "callId");
        Objects.requireNonNull(started.startedAt(), "startedAt");
        if (!writer.submit(() -> writeMarker(started, true))) {
            trouble.failed(WRITER_STUCK);
            log.error("CALLLOG_MARKER_UNWRITTEN call_id={} cause=\"writer queue full\" row={}", started.callId(),
                    rows.oneLine(started));
        }
    }

    /** Rewrites the call's marker with its answer time, so an interrupted row keeps {@code answered_at}. */
    @Override
    public void callAnswered(CallRecord answered) {
        writer.submit(() -> writeMarker(answered, false));
    }

    @Override
    public void callEnded(CallRecord ended) {
        Objects.requireNonNull(ended.callId(), "callId");
        Objects.requireNonNull(ended.startedAt(), "startedAt");
        if (ended.outcome() == null || ended.endedAt() == null || ended.endedBy() == null) {
            log.warn("call log: call {} ended without outcome, end time or ended_by; written with empty cells",
                    ended.callId());
        }
        notOnDisk.put(ended.callId(), ended);
        if (!writer.submit(() -> writeRow(ended))) {
            trouble.failed(WRITER_STUCK);
            rowWriter.logUnwritten(ended, "writer queue full");
            // The writer is stuck (a hung disk): the centre gets the row now, from this thread.
            rowWriter.sendEarly(ended);
            overflow.add(ended);
        }
    }

    // ---- writing (the writer thread) -----------------------------------------------------------------------

    private void writeMarker(CallRecord record, boolean start) {
        synchronized (writeLock) {
            open.write(record, start, folder.usable() ? null : trouble.problem());
        }
    }

    private void writeRow(CallRecord record) {
        synchronized (writeLock) {
            rowWriter.write(record, open.end(record.callId()), folder.usable() ? null : trouble.problem());
        }
    }

    /**
     * Tries again what could not be written: the folder, then every day file with rows owed (each on its own),
     * then the markers of calls under way. Runs every {@link #RETRY} on the writer thread.
     */
    void retryNow() {
        synchronized (writeLock) {
            for (CallRecord record = overflow.poll(); record != null; record = overflow.poll()) {
                rowWriter.owe(record);
            }
            if (!folder.retry()) {
                return;
            }
            boolean healthy = rowWriter.retry();
            healthy &= open.retry();
            if (healthy && overflow.isEmpty() && !trouble.problem().isEmpty()) {
                log.info("call log {}: every row and marker is on disk again", dir);
                trouble.problem("");
            }
        }
    }

    /** Touches the markers of the calls under way (every heartbeat, on the writer thread). */
    void heartbeat() {
        synchronized (writeLock) {
            open.heartbeat(clock.instant());
        }
    }

    /** Waits until every write handed over so far is done, at most {@link #CLOSE_PATIENCE}. */
    void flush() {
        CountDownLatch done = new CountDownLatch(1);
        if (writer.submit(done::countDown)) {
            try {
                done.await(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- start-up and reading ------------------------------------------------------------------------------

    /**
     * Writes the row of every call whose marker a crash left behind (see {@link Recovery}) and deletes the
     * markers. Call once at start, before the first call.
     *
     * @return how many rows were written
     * @throws UncheckedIOException when the marker folder cannot be read
     */
    public int recoverInterrupted() {
        synchronized (writeLock) {
            return recovery.run(callId -> open.contains(callId) || notOnDisk.containsKey(callId));
        }
    }

    /**
     * Deletes the daily call and rating files more than {@code days} days old, unless the clock looks wrong
     * (see {@link Retention}). 0 keeps everything.
     *
     * @param buildDate the day this software was built: a clock before it is wrong
     * @return how many files were deleted
     */
    public int deleteOlderThan(int days, LocalDate buildDate) {
        return retention.deleteOlderThan(days, buildDate);
    }

    /**
     * The {@code n} most recent calls, newest (by {@code started_at}) first, across day files. Torn and
     * malformed lines are skipped (and logged once).
     */
    @Override
    public List<CallRecord> recent(int n) {
        return history.recent(n);
    }

    /** Today's calls (in the terminal's zone) counted by outcome, rows not yet on disk included. */
    @Override
    public DayCounts today() {
        return history.today();
    }

    /**
     * Lets the writes already handed over finish (never interrupting them), makes a last attempt at rows that
     * could not be written and releases the folder. Markers of calls still under way stay (they are interrupted
     * calls at the next start).
     */
    @Override
    public void close() {
        if (!writer.finish(CLOSE_PATIENCE)) {
            // The writer is stuck in the kernel: taking its lock would hang the stop too.
            log.error("call log {}: the disk did not finish the last writes within {} s; {} rows are only in the "
                    + "log above (CALLLOG_UNWRITTEN)", dir, CLOSE_PATIENCE.toSeconds(), notOnDisk.size());
            return;
        }
        synchronized (writeLock) {
            folder.dropStartUp();
            retryNow();
            folder.release();
            int left = rowWriter.unwritten() + overflow.size();
            if (left > 0) {
                log.error("call log {}: {} rows could not be written; each is in the system log as "
                        + "CALLLOG_UNWRITTEN, and a call whose marker is on disk is logged at the next start", dir,
                        left);
            }
        }
    }
}
