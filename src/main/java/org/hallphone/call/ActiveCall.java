package org.hallphone.call;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.hallphone.call.CallEvent.Failure;

/**
 * The call under way (or the last one, for the screen): what its call-log row will say, plus the routing state
 * of the current attempt. Mutable, confined to the call-flow thread.
 */
final class ActiveCall {

    final String id;
    final String terminalId;
    final Direction direction;
    final OffsetDateTime startedAt;
    OffsetDateTime answeredAt;
    OffsetDateTime endedAt;
    String target = "";
    int attempts;
    int sipStatus;
    int redirects;
    boolean afterHours;
    Failure lastFailure;
    Outcome outcome;
    EndedBy endedBy;
    /** How the voice travels once answered; null before. */
    Media media;
    /** The current attempt's id (the telephony's handle); 0 between attempts. */
    long attemptId;
    /** Answered, waiting for the confirming digit. */
    boolean confirmPending;

    private ActiveCall(String id, String terminalId, Direction direction, OffsetDateTime startedAt) {
        this.id = id;
        this.terminalId = terminalId;
        this.direction = direction;
        this.startedAt = startedAt;
    }

    /** A new call with a fresh id (a UUID), started at {@code startedAt} on the terminal {@code terminalId}. */
    static ActiveCall start(String terminalId, Direction direction, OffsetDateTime startedAt) {
        return new ActiveCall(UUID.randomUUID().toString(), terminalId, direction, startedAt);
    }

    /** The call as the journal stores it; outcome, end and who ended it stay null while it is under way. */
    CallRecord record() {
        return new CallRecord(startedAt, terminalId, id, direction, outcome, answeredAt, endedAt, target, attempts,
                sipStatus, endedBy, media);
    }

    /** Puts what the screen shows of this (current or last) call into {@code snapshot}. */
    void describe(CallSnapshot.Builder snapshot) {
        snapshot.callId(id).direction(direction).lastOutcome(outcome).endedBy(endedBy)
                .answeredAt(answeredAt == null ? null : answeredAt.toInstant()).dropped(dropped()).media(media);
    }

    /** Answered, then ended by the system (no audio, a dead dialog): cut off, not "could not get through". */
    private boolean dropped() {
        return answeredAt != null && outcome == Outcome.FAILED && endedBy == EndedBy.SYSTEM;
    }
}
