package org.hallphone.calllog;

import java.time.OffsetDateTime;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;

/** Sample call records for the tests. */
final class SampleCalls {

    static final String TERMINAL = "ivanovo-onco-hall1";

    private SampleCalls() {
    }

    /** A call under way, as the flow hands it to {@code callStarted}. */
    static CallRecord started(String callId, String startedAt) {
        return new CallRecord(OffsetDateTime.parse(startedAt), TERMINAL, callId, Direction.OUT, null, null, null,
                "sip:reps@pbx.example", 1, 0, null);
    }

    /** The same call answered {@code waitS} seconds after the start and ended {@code talkS} seconds later. */
    static CallRecord answered(String callId, String startedAt, int waitS, int talkS) {
        OffsetDateTime start = OffsetDateTime.parse(startedAt);
        return new CallRecord(start, TERMINAL, callId, Direction.OUT, Outcome.ANSWERED, start.plusSeconds(waitS),
                start.plusSeconds(waitS + talkS), "sip:reps@pbx.example", 1, 200, EndedBy.PATIENT);
    }

    static CallRecord unanswered(String callId, String startedAt, Outcome outcome, int waitS) {
        OffsetDateTime start = OffsetDateTime.parse(startedAt);
        return new CallRecord(start, TERMINAL, callId, Direction.OUT, outcome, null, start.plusSeconds(waitS),
                "sip:reps@pbx.example", 2, outcome == Outcome.BUSY ? 486 : 0, EndedBy.TIMEOUT);
    }
}
