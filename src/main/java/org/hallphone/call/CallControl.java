package org.hallphone.call;

import java.util.function.Consumer;

/**
 * What observers and the screen may do with the call flow: read its state and post events. The screen, the
 * health endpoint and the service screen depend on this, never on the flow's internals.
 */
public interface CallControl {

    /** Hands an event to the call-flow thread; returns at once. Safe from any thread. */
    void post(CallEvent event);

    /**
     * Registers a listener for snapshots. It is called on the call-flow thread, first with the current
     * snapshot, then after every change; it must return quickly (move work to its own thread).
     */
    void subscribe(Consumer<CallSnapshot> listener);

    /** The latest snapshot; safe from any thread. */
    CallSnapshot snapshot();

    /**
     * The earpiece now (is the far end speaking, the volume step), read from the audio side; safe from any thread.
     * Polled by the screen; not part of the snapshot because it changes several times a second.
     */
    default EarpieceLevel earpiece() {
        return EarpieceLevel.QUIET;
    }
}
