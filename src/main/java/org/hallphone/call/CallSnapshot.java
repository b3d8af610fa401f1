package org.hallphone.call;

import java.time.Instant;

/**
 * Everything the screen, the health endpoint and the service screen need to know about the call flow at one
 * moment. Immutable; a new one is published after every event that changes anything.
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

    /** A snapshot of a call that was not cut off, without a call-plan alarm or media (the form before them). */
    public CallSnapshot(CallState state, boolean lifted, boolean handsetConnected, boolean registered, Fault fault,
            String faultCause, String callId, Direction direction, int attempt, Outcome lastOutcome, EndedBy endedBy,
            Instant answeredAt, boolean afterHours, boolean leftOffhookAlarm, boolean nearMaxDuration,
            Instant since) {
        this(state, lifted, handsetConnected, registered, fault, faultCause, callId, direction, attempt, lastOutcome,
                endedBy, answeredAt, afterHours, leftOffhookAlarm, nearMaxDuration, since, false, "", null);
    }

    /** A snapshot of a call that was not cut off. */
    public CallSnapshot(CallState state, boolean lifted, boolean handsetConnected, boolean registered, Fault fault,
            String faultCause, String callId, Direction direction, int attempt, Outcome lastOutcome, EndedBy endedBy,
            Instant answeredAt, boolean afterHours, boolean leftOffhookAlarm, boolean nearMaxDuration,
            Instant since, String planAlarm) {
        this(state, lifted, handsetConnected, registered, fault, faultCause, callId, direction, attempt, lastOutcome,
                endedBy, answeredAt, afterHours, leftOffhookAlarm, nearMaxDuration, since, false, planAlarm, null);
    }

    /** True when the current or last call is encrypted (SRTP). */
    public boolean encrypted() {
        return media == Media.SRTP;
    }
}
