package org.hallphone.call;

import java.time.OffsetDateTime;
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

    ActiveCall(String id, String terminalId, Direction direction, OffsetDateTime startedAt) {
        this.id = id;
        this.terminalId = terminalId;
        this.direction = direction;
        this.startedAt = startedAt;
    }

    /** The call as the journal stores it; outcome, end and who ended it stay null while it is under way. */
    CallRecord record() {
        return new CallRecord(startedAt, terminalId, id, direction, outcome, answeredAt, endedAt, target, attempts,
                sipStatus, endedBy, media);
    }
}
