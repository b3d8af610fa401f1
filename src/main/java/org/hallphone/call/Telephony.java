package org.hallphone.call;

/**
 * What the call flow commands the SIP side to do. Implementations never block the caller (the call-flow
 * thread) on the network and report every outcome back as {@link CallEvent}s carrying the same
 * {@code attemptId}. Commands for an attempt that is already over are ignored.
 */
public interface Telephony {

    /**
     * Starts an outgoing attempt: INVITE to {@code target} with the terminal's identity headers.
     *
     * @param attemptId  the flow's id of this attempt, echoed in every event about it
     * @param target     a SIP URI from the routing plan
     * @param attemptNo  1-based attempt number within this call, sent as {@code X-Hallphone-Attempt}
     */
    void dial(long attemptId, String target, int attemptNo);

    /** Ends the attempt whatever its stage: CANCEL while ringing, BYE once answered, reject if incoming. */
    void hangUp(long attemptId);

    /** Answers an incoming call announced by {@link CallEvent.IncomingCall}. */
    void answer(long attemptId);

    /** Sends an RFC 4733 telephone-event for digit 0-9, *, #, A-D in the attempt's media. */
    void sendDtmf(long attemptId, char digit);
}
