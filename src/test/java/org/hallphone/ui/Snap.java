package org.hallphone.ui;

import java.time.Instant;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Fault;
import org.hallphone.call.Media;
import org.hallphone.call.Outcome;

/**
 * Builds call snapshots for tests: {@code Snap.idle().state(TALKING).callId("c1").build()}; the names the screen
 * tests use over {@link CallSnapshot.Builder}, with a fixed {@code since}.
 */
final class Snap {

    private final CallSnapshot.Builder snapshot = CallSnapshot.builder(Instant.parse("2026-11-24T10:00:00Z"));

    static Snap idle() {
        return new Snap();
    }

    /** A call under way in {@code state} with id {@code callId}, handset lifted. */
    static Snap call(CallState state, String callId) {
        return new Snap().state(state).callId(callId).lifted(true).direction(Direction.OUT).attempt(1);
    }

    Snap state(CallState v) { snapshot.state(v); return this; }
    Snap lifted(boolean v) { snapshot.lifted(v); return this; }
    Snap handsetConnected(boolean v) { snapshot.handsetConnected(v); return this; }
    Snap registered(boolean v) { snapshot.registered(v); return this; }
    Snap fault(Fault v, String cause) { snapshot.fault(v, cause); return this; }
    Snap callId(String v) { snapshot.callId(v); return this; }
    Snap direction(Direction v) { snapshot.direction(v); return this; }
    Snap attempt(int v) { snapshot.attempt(v); return this; }
    Snap outcome(Outcome v) { snapshot.lastOutcome(v); return this; }
    Snap endedBy(EndedBy v) { snapshot.endedBy(v); return this; }
    Snap answeredAt(Instant v) { snapshot.answeredAt(v); return this; }
    Snap afterHours(boolean v) { snapshot.afterHours(v); return this; }
    Snap leftOffhook(boolean v) { snapshot.leftOffhookAlarm(v); return this; }
    Snap nearMaxDuration(boolean v) { snapshot.nearMaxDuration(v); return this; }
    Snap since(Instant v) { snapshot.since(v); return this; }
    Snap dropped(boolean v) { snapshot.dropped(v); return this; }
    Snap media(Media v) { snapshot.media(v); return this; }

    CallSnapshot build() {
        return snapshot.build();
    }
}
