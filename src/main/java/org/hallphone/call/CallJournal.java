package org.hallphone.call;

/**
 * The durable record of calls, implemented by the call log. The methods return at once (the call log writes
 * on its own thread, in order), so the call flow never waits for a disk.
 */
public interface CallJournal {

    /** Leaves a durable marker: if the process dies now, the next start writes this call as interrupted. */
    void callStarted(CallRecord started);

    /**
     * Updates the marker with the answer time, so that a call interrupted while talking is logged with its
     * {@code answered_at}. Optional for journals that keep no markers.
     */
    default void callAnswered(CallRecord answered) {
    }

    /** Appends the call's row and removes its marker. */
    void callEnded(CallRecord ended);
}
