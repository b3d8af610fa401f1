package org.hallphone.calllog;

import java.util.List;
import org.hallphone.call.CallRecord;

/**
 * What the service screen reads of the call log (read-only; {@link CallLog} implements it, tests use fakes).
 * Both methods read small files; call them off the FX thread when the screen refreshes.
 */
public interface CallHistory {

    /** The {@code n} most recent calls, newest first (by start), across days. */
    List<CallRecord> recent(int n);

    /** Today's calls counted by outcome, in the terminal's zone. */
    DayCounts today();
}
