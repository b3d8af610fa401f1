package org.hallphone.calllog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hallphone.call.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the rows of ended calls and keeps those it cannot write: each day file on its own, oldest row first, so
 * one bad file does not hold back the others. A row that cannot be written is logged whole
 * ({@code CALLLOG_UNWRITTEN ... row=...}), its event goes to the centre at once, and its marker is rewritten
 * with the call's end so a crash meanwhile still gives its true outcome. A row whose fsync failed is looked for
 * in the file before it is appended again: a call is never written twice. Each row's event goes to the centre
 * exactly once. Confined to the call log's write lock, except {@link #sendEarly} and {@link #unwritten}.
 */
final class RowWriter {

    private static final Logger log = LoggerFactory.getLogger(RowWriter.class);

    private final DayRows rows;
    private final Markers markers;
    private final WriteTrouble trouble;
    /** Ended calls handed over and not yet on disk, shared with the readers. */
    private final Map<String, CallRecord> notOnDisk;
    /** Ended calls whose row is not on disk yet, by day file, oldest first. */
    private final Map<Path, List<Owed>> owed = new TreeMap<>();
    /** Calls whose event went to the centre before their row reached the disk (see {@link #sendEarly}). */
    private final Set<String> sentEarly = ConcurrentHashMap.newKeySet();
    private volatile int unwritten;

    /** A row owed to a day file; {@code tried}: an append was attempted, so part or all of it may be there. */
    private record Owed(CallRecord record, boolean tried) {
    }

    RowWriter(DayRows rows, Markers markers, WriteTrouble trouble, Map<String, CallRecord> notOnDisk) {
        this.rows = rows;
        this.markers = markers;
        this.trouble = trouble;
        this.notOnDisk = notOnDisk;
    }

    /** Rows whose append was tried and failed, still owed (any thread). */
    int unwritten() {
        return unwritten;
    }

    /**
     * Writes the row of an ended call after the rows its day file owes already.
     *
     * @param hadMarker     the call's marker is on disk (it is then rewritten with the end when the row fails)
     * @param folderProblem why the folder cannot be used; null when it can
     */
    void write(CallRecord record, boolean hadMarker, String folderProblem) {
        Path file = rows.file(record);
        List<Owed> queue = owed.computeIfAbsent(file, f -> new ArrayList<>());
        if (folderProblem != null) {
            queue.add(new Owed(record, true));
            failed(record, folderProblem, false);
        } else {
            queue.add(new Owed(record, false));
            writeOwed(file, hadMarker);
        }
        recount();
    }

    /** Owes the row of a call the writer thread could not take (its queue was full). */
    void owe(CallRecord record) {
        owed.computeIfAbsent(rows.file(record), f -> new ArrayList<>()).add(new Owed(record, false));
    }

    /** Tries every day file with rows owed again; true when none is owed any more. */
    boolean retry() {
        boolean all = true;
        for (Path file : new ArrayList<>(owed.keySet())) {
            writeOwed(file, true);
            all &= !owed.containsKey(file);
        }
        recount();
        return all;
    }

    /**
     * Appends the rows owed to one day file, oldest first; stops at the first that fails (the rest keep their
     * order) and leaves the other files alone.
     */
    private void writeOwed(Path file, boolean hadMarker) {
        List<Owed> queue = owed.get(file);
        while (queue != null && !queue.isEmpty()) {
            Owed next = queue.get(0);
            CallRecord record = next.record();
            try {
                if (next.tried() && rows.hasRow(record.callId(), file)) {
                    // The append reached the file but its fsync failed: force it again, never append twice.
                    rows.force(file);
                } else {
                    rows.append(record);
                }
            } catch (IOException e) {
                if (!next.tried()) {
                    queue.set(0, new Owed(record, true));
                    failed(record, e.toString(), hadMarker);
                } else {
                    trouble.failed("cannot write " + file.getFileName() + ": " + e);
                }
                return;
            }
            queue.remove(0);
            written(record, next.tried());
        }
        owed.remove(file);
    }

    private void written(CallRecord record, boolean late) {
        notOnDisk.remove(record.callId());
        if (!sentEarly.remove(record.callId())) {
            rows.emit(record); // unless sendEarly sent it at its CALLLOG_UNWRITTEN line
        }
        log.info("call {} logged: {}{}", record.callId(),
                record.outcome() == null ? "(no outcome)" : record.outcome().csv(), late ? " (written late)" : "");
        try {
            markers.delete(record.callId());
        } catch (IOException e) {
            // Harmless: the row exists, so the next start deletes the marker without a second row.
            log.warn("call log {}: cannot delete the marker of call {}: {}", markers.dir().getParent(),
                    record.callId(), e.toString());
        }
    }

    private void failed(CallRecord record, String cause, boolean rewriteMarker) {
        trouble.failed("cannot write " + rows.file(record).getFileName() + ": " + cause);
        logUnwritten(record, cause);
        // The centre gets the row now, not when the disk heals: it may be the only copy that survives.
        sendEarly(record);
        if (rewriteMarker) {
            // A crash before the retry then logs the call as it ended, not as interrupted.
            try {
                markers.write(record);
            } catch (IOException e) {
                log.debug("call log: cannot rewrite the marker of call {} with its end: {}", record.callId(),
                        e.toString());
            }
        }
    }

    /** The structured line that keeps a copy of a row the disk did not take, in the system journal. */
    void logUnwritten(CallRecord record, String cause) {
        log.error("CALLLOG_UNWRITTEN file={} call_id={} cause=\"{}\" row={}", rows.file(record).getFileName(),
                record.callId(), cause.replace('"', '\''), rows.oneLine(record));
    }

    /** Sends the event of a row that is not on disk yet, unless that was done before (any thread). */
    void sendEarly(CallRecord record) {
        if (sentEarly.add(record.callId())) {
            rows.emit(record);
        }
    }

    private void recount() {
        int tried = 0;
        for (List<Owed> queue : owed.values()) {
            for (Owed row : queue) {
                tried += row.tried() ? 1 : 0;
            }
        }
        unwritten = tried;
    }
}
