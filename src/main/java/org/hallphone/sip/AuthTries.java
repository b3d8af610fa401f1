package org.hallphone.sip;

/**
 * How many digest challenges one request (an INVITE, a REGISTER) may still answer: a wrong password must never
 * loop (RFC 3261 §22.2), while a {@code stale=true} challenge (only the nonce expired, the password was right) gets
 * a few free answers on top (review F11). Confined to the SIP thread.
 */
final class AuthTries {

    /** Challenges answered per request before giving up. */
    static final int MAX_AUTH_TRIES = 2;
    /** {@code stale=true} challenges answered per request on top of {@link #MAX_AUTH_TRIES}. */
    static final int MAX_STALE_TRIES = 2;

    private int authTries;
    private int staleTries;

    /** True (and counted) when a free answer to a stale nonce is left. */
    boolean staleAnswer(boolean stale) {
        if (!stale || staleTries >= MAX_STALE_TRIES) {
            return false;
        }
        staleTries++;
        return true;
    }

    /** True (and counted) when a challenge may be answered with the credentials again. */
    boolean answer() {
        if (authTries >= MAX_AUTH_TRIES) {
            return false;
        }
        authTries++;
        return true;
    }

    /** Challenges answered so far (stale ones not counted). */
    int answered() {
        return authTries;
    }

    /** The credentials start afresh (a new request, or the last one was not a challenge); stale answers stay. */
    void resetAnswers() {
        authTries = 0;
    }

    /** Both counts start afresh (the credentials were accepted). */
    void reset() {
        authTries = 0;
        staleTries = 0;
    }
}
