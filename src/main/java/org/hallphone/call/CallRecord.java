package org.hallphone.call;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One call as the call log stores it (one row of {@code calls-YYYY-MM-DD.csv}). Holds no patient data.
 *
 * @param startedAt  when the handset was lifted (out) or the call-back arrived (in)
 * @param terminalId {@code terminal.id}
 * @param callId     the terminal's own id for this call (a UUID), also the key of ratings
 * @param direction  out or in
 * @param outcome    null while the call is under way
 * @param answeredAt null when not answered
 * @param endedAt    null while the call is under way
 * @param target     the target that answered, or the last one tried; empty if none
 * @param attempts   how many attempts were made
 * @param sipStatus  the last final SIP status (0 when none arrived)
 * @param endedBy    null while the call is under way
 * @param media      how the voice travelled ({@code srtp} or {@code rtp}); null when the call had no media
 */
public record CallRecord(
        OffsetDateTime startedAt,
        String terminalId,
        String callId,
        Direction direction,
        Outcome outcome,
        OffsetDateTime answeredAt,
        OffsetDateTime endedAt,
        String target,
        int attempts,
        int sipStatus,
        EndedBy endedBy,
        Media media) {

    /** A record whose media is not known (a call without media, or a row written before the column existed). */
    public CallRecord(OffsetDateTime startedAt, String terminalId, String callId, Direction direction,
                      Outcome outcome, OffsetDateTime answeredAt, OffsetDateTime endedAt, String target, int attempts,
                      int sipStatus, EndedBy endedBy) {
        this(startedAt, terminalId, callId, direction, outcome, answeredAt, endedAt, target, attempts, sipStatus,
                endedBy, null);
    }

    /** Seconds from start to answer, or to the end when never answered. */
    public long waitSeconds() {
        OffsetDateTime until = answeredAt != null ? answeredAt : endedAt;
        return until == null ? 0 : Duration.between(startedAt, until).toSeconds();
    }

    /** Seconds from answer to end; 0 when not answered. */
    public long talkSeconds() {
        return answeredAt == null || endedAt == null ? 0 : Duration.between(answeredAt, endedAt).toSeconds();
    }

    public CallRecord ended(Outcome outcome, OffsetDateTime endedAt, EndedBy endedBy) {
        return new CallRecord(startedAt, terminalId, callId, direction, outcome, answeredAt, endedAt, target,
                attempts, sipStatus, endedBy, media);
    }
}
