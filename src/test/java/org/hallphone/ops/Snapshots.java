package org.hallphone.ops;

import java.time.Instant;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Fault;
import org.hallphone.call.Outcome;

/** Call-flow snapshots for the tests. */
final class Snapshots {

    static final Instant SINCE = Instant.parse("2026-11-24T09:00:00Z");

    private Snapshots() {
    }

    static CallSnapshot idle() {
        return new CallSnapshot(CallState.IDLE, false, true, true, null, "", "", null, 0, null, null, null, false,
                false, false, SINCE);
    }

    static CallSnapshot talking() {
        return new CallSnapshot(CallState.TALKING, true, true, true, null, "", "call-7", Direction.OUT, 1, null,
                null, SINCE, false, false, false, SINCE);
    }

    static CallSnapshot notRegistered() {
        return new CallSnapshot(CallState.IDLE, false, true, false, Fault.REGISTRATION, "401 Unauthorized", "",
                null, 0, null, null, null, false, false, false, SINCE);
    }

    static CallSnapshot outOfService() {
        return new CallSnapshot(CallState.OUT_OF_SERVICE, false, false, true, Fault.HANDSET,
                "port /dev/ttyUSB0 \"gone\"", "call-6", Direction.OUT, 0, Outcome.BUSY, EndedBy.TIMEOUT, null,
                false, true, false, SINCE);
    }
}
