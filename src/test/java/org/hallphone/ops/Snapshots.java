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
        return CallSnapshot.resting(SINCE);
    }

    static CallSnapshot talking() {
        return CallSnapshot.builder(SINCE).state(CallState.TALKING).lifted(true).callId("call-7")
                .direction(Direction.OUT).attempt(1).answeredAt(SINCE).build();
    }

    static CallSnapshot notRegistered() {
        return CallSnapshot.builder(SINCE).registered(false).fault(Fault.REGISTRATION, "401 Unauthorized").build();
    }

    static CallSnapshot outOfService() {
        return CallSnapshot.builder(SINCE).state(CallState.OUT_OF_SERVICE).handsetConnected(false)
                .fault(Fault.HANDSET, "port /dev/ttyUSB0 \"gone\"").callId("call-6").direction(Direction.OUT)
                .lastOutcome(Outcome.BUSY).endedBy(EndedBy.TIMEOUT).leftOffhookAlarm(true).build();
    }
}
