package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hallphone.call.CallEvent.Failure;
import org.junit.jupiter.api.Test;

/** Final SIP statuses mapped to the failure kinds the routing plan acts on. */
class FailuresTest {

    @Test
    void finalStatusesMapToRoutingKinds() {
        assertEquals(Failure.BUSY, Failures.kindOf(486));
        assertEquals(Failure.BUSY, Failures.kindOf(600));
        assertEquals(Failure.DECLINED, Failures.kindOf(603));
        assertEquals(Failure.DECLINED, Failures.kindOf(480));
        // a target that does not exist or refuses the terminal is a broken call plan, never busy (issue 9, item 12)
        for (int refused : new int[] {401, 403, 404, 407, 410, 484}) {
            assertEquals(Failure.REFUSED, Failures.kindOf(refused), Integer.toString(refused));
        }
        // no common media (codec or SRTP): failed as MEDIA, which the flow counts as a refusal too
        assertEquals(Failure.MEDIA, Failures.kindOf(488));
        assertEquals(Failure.MEDIA, Failures.kindOf(606));
        assertEquals(Failure.NO_ANSWER, Failures.kindOf(408));
        assertEquals(Failure.NO_ANSWER, Failures.kindOf(487));
        assertEquals(Failure.SERVER, Failures.kindOf(503));
        assertEquals(Failure.SERVER, Failures.kindOf(500));
    }
}
