package org.hallphone.ui;

/**
 * Stores a patient's answer to "how did we help you?" (kept in its own file keyed by call id, see
 * docs/call-log.md).
 */
public interface RatingSink {

    /**
     * Records one rating. Called on a worker thread of the screen, never on the FX thread; may block briefly.
     *
     * @param callId the call's id ({@code call_id} of the call log)
     * @param stars  1 (did not help) to 5 (helped a lot)
     */
    void rate(String callId, int stars);
}
