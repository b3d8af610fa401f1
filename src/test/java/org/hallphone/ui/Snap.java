package org.hallphone.ui;

import java.time.Instant;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Fault;
import org.hallphone.call.Media;
import org.hallphone.call.Outcome;

/** Builds call snapshots for tests: {@code Snap.idle().state(TALKING).callId("c1").build()}. */
final class Snap {

    private CallState state = CallState.IDLE;
    private boolean lifted;
    private boolean handsetConnected = true;
    private boolean registered = true;
    private Fault fault;
    private String faultCause = "";
    private String callId = "";
    private Direction direction;
    private int attempt;
    private Outcome lastOutcome;
    private EndedBy endedBy;
    private Instant answeredAt;
    private boolean afterHours;
    private boolean leftOffhookAlarm;
    private boolean nearMaxDuration;
    private boolean dropped;
    private Instant since = Instant.parse("2026-11-24T10:00:00Z");
    private Media media;

    static Snap idle() {
        return new Snap();
    }

    /** A call under way in {@code state} with id {@code callId}, handset lifted. */
    static Snap call(CallState state, String callId) {
        Snap s = new Snap().state(state).callId(callId).lifted(true).direction(Direction.OUT).attempt(1);
        return s;
    }

    Snap state(CallState v) { state = v; return this; }
    Snap lifted(boolean v) { lifted = v; return this; }
    Snap handsetConnected(boolean v) { handsetConnected = v; return this; }
    Snap registered(boolean v) { registered = v; return this; }
    Snap fault(Fault v, String cause) { fault = v; faultCause = cause; return this; }
    Snap callId(String v) { callId = v; return this; }
    Snap direction(Direction v) { direction = v; return this; }
    Snap attempt(int v) { attempt = v; return this; }
    Snap outcome(Outcome v) { lastOutcome = v; return this; }
    Snap endedBy(EndedBy v) { endedBy = v; return this; }
    Snap answeredAt(Instant v) { answeredAt = v; return this; }
    Snap afterHours(boolean v) { afterHours = v; return this; }
    Snap leftOffhook(boolean v) { leftOffhookAlarm = v; return this; }
    Snap nearMaxDuration(boolean v) { nearMaxDuration = v; return this; }
    Snap since(Instant v) { since = v; return this; }
    Snap dropped(boolean v) { dropped = v; return this; }
    Snap media(Media v) { media = v; return this; }

    CallSnapshot build() {
        return new CallSnapshot(state, lifted, handsetConnected, registered, fault, faultCause, callId, direction,
                attempt, lastOutcome, endedBy, answeredAt, afterHours, leftOffhookAlarm, nearMaxDuration, since,
                dropped, "", media);
    }
}
