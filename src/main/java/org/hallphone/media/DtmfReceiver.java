package org.hallphone.media;

/**
 * Reports each received RFC 4733 digit once: on its first end packet (§2.5.2.2: the end is sent three times),
 * or, when every end packet was lost, when the next event with another timestamp begins.
 */
final class DtmfReceiver {

    private long currentTimestamp = -1;
    private char currentDigit;
    private boolean reported;

    /** Returns the digit that ended with this packet (or before it), or 0. */
    char onEvent(long timestamp, TelephoneEvent event) {
        char result = 0;
        if (timestamp != currentTimestamp) {
            if (currentTimestamp >= 0 && !reported && currentDigit != 0) {
                result = currentDigit; // the previous event's end packets were all lost
            }
            currentTimestamp = timestamp;
            currentDigit = event.digit();
            reported = false;
        }
        if (event.end() && !reported) {
            reported = true;
            if (result == 0) {
                result = currentDigit;
            }
        }
        return result;
    }
}
