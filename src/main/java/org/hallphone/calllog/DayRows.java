package org.hallphone.calllog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.hallphone.call.CallRecord;

/**
 * The rows of the daily call files: which file a call's row goes to (the date of {@code started_at} in the
 * terminal's zone), appending one, finding one, and its event to the centre. Used by the writer thread and the
 * recovery at start, under the call log's write lock.
 */
final class DayRows {

    private final Path dir;
    private final ZoneId zone;
    private final Disk disk;
    private final CallLogReader reader = new CallLogReader();
    /** Day files whose folder entry this process has forced to disk. */
    private final Set<Path> namesSynced = new HashSet<>();

    DayRows(Path dir, ZoneId zone, Disk disk) {
        this.dir = dir;
        this.zone = zone;
        this.disk = disk;
    }

    Path file(CallRecord record) {
        return DayFiles.file(dir, DayFiles.CALLS, record.startedAt().atZoneSameInstant(zone).toLocalDate());
    }

    /** Appends the record's row to its day file and forces it to disk. */
    void append(CallRecord record) throws IOException {
        Path file = file(record);
        // a day file begun by an older version (no media column) keeps its own columns to the end of the day
        String row = CallRow.hasMediaColumn(file) ? CallRow.line(record, zone)
                : CallRow.lineWithoutMedia(record, zone);
        AppendOnlyFile.append(file, CallRow.HEADER, row, disk, namesSynced);
    }

    /** Forces {@code file} to disk again (an append whose fsync failed). */
    void force(Path file) throws IOException {
        AppendOnlyFile.force(file, disk);
    }

    boolean hasRow(String callId, Path dayFile) throws IOException {
        for (CallRecord record : reader.read(dayFile)) {
            if (record.callId().equals(callId)) {
                return true;
            }
        }
        return false;
    }

    /** The row as one log line, for the {@code CALLLOG_UNWRITTEN} lines. */
    String oneLine(CallRecord record) {
        return CallRow.line(record, zone).stripTrailing();
    }

    /** The row as an event on {@value RecordEvents#LOGGER} (the caller sees that it is sent once per call). */
    void emit(CallRecord record) {
        RecordEvents.emit(RecordEvents.CALL, CallRow.COLUMNS, CallRow.fields(record, zone));
    }
}
