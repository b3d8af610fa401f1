package org.hallphone.call;

import java.time.Instant;

/**
 * Everything the screen, the health endpoint and the service screen need to know about the call flow at one
 * moment. Immutable; a new one is published after every event that changes anything. Build one with
 * {@link #builder} (or {@link #resting}) and named setters, never positionally; {@link #toBuilder} copies one.
 *
 * @param state            the call state
 * @param lifted           the handset is off its hook (as the flow believes; false while the handset is lost)
 * @param handsetConnected the handset driver has its device
 * @param registered       registered with the PBX (true when no registrar is configured)
 * @param fault            why the terminal is out of service; null when it is not
 * @param faultCause       the technical cause, for the service screen and logs; empty when none
 * @param callId           the current or last call's id; empty before the first call
 * @param direction        the current or last call's direction; null before the first call
 * @param attempt          the 1-based attempt number of the current call; 0 when none
 * @param lastOutcome      how the current or last call ended; null while under way or before the first
 * @param endedBy          who ended it; null while under way
 * @param answeredAt       when the current call was answered; null if not
 * @param afterHours       the routing plan is on its after-hours targets
 * @param leftOffhookAlarm the handset was left lifted after a call
 * @param nearMaxDuration  the call ends soon (maximum duration); the warning tone was played
 * @param since            when the state last changed
 * @param dropped          the current or last call was answered and then cut off by the network (no audio, a dead
 *                         dialog), not ended by the patient, the representative or the time limit: the screen says
 *                         "the call was cut off", never "we could not get through"
 * @param planAlarm        a target that refused the terminal several times in a row (target and status), for
 *                         {@code /health}; empty when none
 * @param media            how the current or last call's voice travels ({@code srtp}: encrypted); null before an
 *                         answer
 */
public record CallSnapshot(
        CallState state,
        boolean lifted,
        boolean handsetConnected,
        boolean registered,
        Fault fault,
        String faultCause,
        String callId,
        Direction direction,
        int attempt,
        Outcome lastOutcome,
        EndedBy endedBy,
        Instant answeredAt,
        boolean afterHours,
        boolean leftOffhookAlarm,
        boolean nearMaxDuration,
        Instant since,
        boolean dropped,
        String planAlarm,
        Media media) {

    public CallSnapshot {
        planAlarm = planAlarm == null ? "" : planAlarm;
    }

    /**
     * The terminal at rest before anything is known: idle, handset on its hook and connected, registered, no
     * fault, no call yet. What the screen shows before the call flow has said anything, and the flow's start.
     */
    public static CallSnapshot resting(Instant since) {
        return builder(since).build();
    }

    /** A builder that starts {@link #resting at rest} at {@code since}; set only what differs. */
    public static Builder builder(Instant since) {
        return new Builder(since);
    }

    /** A builder holding this snapshot's values, for a copy that differs in a few. */
    public Builder toBuilder() {
        return new Builder(since).state(state).lifted(lifted).handsetConnected(handsetConnected)
                .registered(registered).fault(fault, faultCause).callId(callId).direction(direction)
                .attempt(attempt).lastOutcome(lastOutcome).endedBy(endedBy).answeredAt(answeredAt)
                .afterHours(afterHours).leftOffhookAlarm(leftOffhookAlarm).nearMaxDuration(nearMaxDuration)
                .dropped(dropped).planAlarm(planAlarm).media(media);
    }

    /** Named setters for a {@link CallSnapshot}; the defaults are those of {@link #resting}. */
    public static final class Builder {
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
        private Instant since;
        private boolean dropped;
        private String planAlarm = "";
        private Media media;

        private Builder(Instant since) {
            this.since = since;
        }

        public Builder state(CallState value) {
            state = value;
            return this;
        }

        public Builder lifted(boolean value) {
            lifted = value;
            return this;
        }

        public Builder handsetConnected(boolean value) {
            handsetConnected = value;
            return this;
        }

        public Builder registered(boolean value) {
            registered = value;
            return this;
        }

        /** The fault and its technical cause; {@code null, ""} when in service. */
        public Builder fault(Fault value, String cause) {
            fault = value;
            faultCause = cause == null ? "" : cause;
            return this;
        }

        public Builder callId(String value) {
            callId = value == null ? "" : value;
            return this;
        }

        public Builder direction(Direction value) {
            direction = value;
            return this;
        }

        public Builder attempt(int value) {
            attempt = value;
            return this;
        }

        public Builder lastOutcome(Outcome value) {
            lastOutcome = value;
            return this;
        }

        public Builder endedBy(EndedBy value) {
            endedBy = value;
            return this;
        }

        public Builder answeredAt(Instant value) {
            answeredAt = value;
            return this;
        }

        public Builder afterHours(boolean value) {
            afterHours = value;
            return this;
        }

        public Builder leftOffhookAlarm(boolean value) {
            leftOffhookAlarm = value;
            return this;
        }

        public Builder nearMaxDuration(boolean value) {
            nearMaxDuration = value;
            return this;
        }

        public Builder since(Instant value) {
            since = value;
            return this;
        }

        public Builder dropped(boolean value) {
            dropped = value;
            return this;
        }

        public Builder planAlarm(String value) {
            planAlarm = value;
            return this;
        }

        public Builder media(Media value) {
            media = value;
            return this;
        }

        public CallSnapshot build() {
            return new CallSnapshot(state, lifted, handsetConnected, registered, fault, faultCause, callId,
                    direction, attempt, lastOutcome, endedBy, answeredAt, afterHours, leftOffhookAlarm,
                    nearMaxDuration, since, dropped, planAlarm, media);
        }
    }

    /** True when the current or last call is encrypted (SRTP). */
    public boolean encrypted() {
        return media == Media.SRTP;
    }
}
