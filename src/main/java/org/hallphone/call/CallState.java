package org.hallphone.call;

/** What the call is doing. Hook state (lifted or resting) is tracked apart, see {@link CallSnapshot#lifted()}. */
public enum CallState {
    /** Ready: waiting for the patient to lift the handset. */
    IDLE,
    /** The terminal cannot place calls reliably (handset lost, SIP down); see {@link CallSnapshot#fault()}. */
    OUT_OF_SERVICE,
    /** An attempt is being set up (INVITE sent, nothing heard back yet or 100 Trying). */
    DIALING,
    /** The far end is ringing (180/183). */
    RINGING,
    /** Answered: patient and representative are talking. */
    TALKING,
    /** The call is over but the handset is still lifted: busy tone, "please hang up". */
    ENDED,
    /** A representative is calling the terminal back: it rings until the handset is lifted. */
    INCOMING
}
