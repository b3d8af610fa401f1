package org.hallphone.sip;

import org.hallphone.call.CallEvent.Failure;

/** How a final SIP status of an INVITE maps onto the routing plan's {@link Failure} kinds (RFC 3261 §21). */
final class Failures {

    private Failures() {
    }

    static Failure kindOf(int status) {
        if (status == 486 || status == 600) {
            return Failure.BUSY;
        }
        if (status == 408 || status == 487) {
            // 408: no final answer in time; 487: the attempt was cancelled (ring time-out or hang-up)
            return Failure.NO_ANSWER;
        }
        if (status == 488 || status == 606) {
            // Not Acceptable (Here): the far end cannot take the media offered, e.g. SRTP against plain RTP
            return Failure.MEDIA;
        }
        if (status >= 500 && status < 600) {
            return Failure.SERVER;
        }
        return Failure.DECLINED;
    }
}
