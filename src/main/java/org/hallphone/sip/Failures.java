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
            // Not Acceptable (Here): the far end cannot take the media offered, e.g. SRTP against plain RTP; a
            // refusal of the terminal all the same (see refuses), counted by the call flow like REFUSED
            return Failure.MEDIA;
        }
        if (refuses(status)) {
            return Failure.REFUSED;
        }
        if (status >= 500 && status < 600) {
            return Failure.SERVER;
        }
        return Failure.DECLINED;
    }

    /**
     * The target does not exist or refuses the terminal itself: 403 Forbidden, 404 Not Found, 410 Gone, 484 Address
     * Incomplete, 401/407 when the credentials were refused (or none are configured), 488/606 no common media.
     * Busy representatives are never the reason; the call plan or the account is broken.
     */
    static boolean refuses(int status) {
        return switch (status) {
            case 401, 403, 404, 407, 410, 484, 488, 606 -> true;
            default -> false;
        };
    }
}
