package org.hallphone.call;

import java.util.function.Consumer;

/**
 * The state machine of the terminal (placeholder API; the implementation follows).
 */
public final class CallFlow implements CallControl, AutoCloseable {

    @Override
    /** Hands an event to the call-flow thread; returns at once. Safe from any thread. */
    public void post(CallEvent event) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    /** Registers a listener for snapshots; called on the call-flow thread, first with the current snapshot. */
    public void subscribe(Consumer<CallSnapshot> listener) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    /** The latest snapshot (safe from any thread). */
    public CallSnapshot snapshot() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
