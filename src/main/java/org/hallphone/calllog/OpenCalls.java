package org.hallphone.calllog;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hallphone.call.CallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls under way and their in-progress markers: each call's latest record, its marker written (and
 * rewritten with the answer), touched every heartbeat, and retried when it could not be written. A call without
 * its marker goes ahead; only its protection against a crash is missing ({@code CALLLOG_MARKER_UNWRITTEN}).
 * Confined to the call log's write lock.
 */
final class OpenCalls {

    private static final Logger log = LoggerFactory.getLogger(OpenCalls.class);

    private final Markers markers;
    private final DayRows rows;
    private final WriteTrouble trouble;
    /** Calls under way, by id, with their latest record. */
    private final Map<String, CallRecord> records = new LinkedHashMap<>();
    /** Calls under way whose marker could not be written. */
    private final Set<String> withoutMarker = new LinkedHashSet<>();
    private volatile int withoutMarkerCount;

    OpenCalls(Markers markers, DayRows rows, WriteTrouble trouble) {
        this.markers = markers;
        this.rows = rows;
        this.trouble = trouble;
    }

    /**
     * Keeps the call's latest record and writes its marker; an update of a call no longer under way is ignored.
     *
     * @param start        the call starts (else: an update of one under way)
     * @param folderProblem why the folder cannot be used; null when it can
     */
    void write(CallRecord record, boolean start, String folderProblem) {
        if (!start && !records.containsKey(record.callId())) {
            return;
        }
        records.put(record.callId(), record);
        if (folderProblem != null) {
            failed(record, folderProblem);
            return;
        }
        try {
            markers.write(record);
            withoutMarker.remove(record.callId());
            withoutMarkerCount = withoutMarker.size();
        } catch (IOException e) {
            failed(record, e.toString());
        }
    }

    private void failed(CallRecord record, String cause) {
        trouble.count();
        if (withoutMarker.add(record.callId())) {
            log.error("CALLLOG_MARKER_UNWRITTEN call_id={} cause=\"{}\" row={}", record.callId(),
                    cause.replace('"', '\''), rows.oneLine(record));
        }
        withoutMarkerCount = withoutMarker.size();
        if (!cause.equals(trouble.problem())) {
            trouble.problem("cannot write the in-progress marker of a call: " + cause);
        }
    }

    /**
     * The call is over: its marker is no longer heart-beaten (a crash now must not stretch the call).
     *
     * @return true when the call was under way with its marker on disk
     */
    boolean end(String callId) {
        boolean wasOpen = records.remove(callId) != null;
        boolean hadMarker = !withoutMarker.remove(callId) && wasOpen;
        withoutMarkerCount = withoutMarker.size();
        return hadMarker;
    }

    boolean contains(String callId) {
        return records.containsKey(callId);
    }

    /** Calls under way without a marker on disk (any thread). */
    int withoutMarker() {
        return withoutMarkerCount;
    }

    /** Tries the missing markers again; true when every call under way has its marker now. */
    boolean retry() {
        boolean all = true;
        for (String callId : new ArrayList<>(withoutMarker)) {
            CallRecord record = records.get(callId);
            try {
                if (record != null) {
                    markers.write(record);
                }
                withoutMarker.remove(callId);
            } catch (IOException e) {
                trouble.count();
                all = false;
            }
        }
        withoutMarkerCount = withoutMarker.size();
        return all;
    }

    /** Touches the markers of the calls under way: the terminal is alive in them at {@code now}. */
    void heartbeat(Instant now) {
        for (String callId : records.keySet()) {
            if (withoutMarker.contains(callId)) {
                continue;
            }
            try {
                markers.touch(callId, now);
            } catch (IOException e) {
                log.warn("call log {}: cannot touch the marker of call {}: {}", markers.dir().getParent(), callId,
                        e.toString());
            }
        }
    }
}
