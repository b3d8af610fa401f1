package org.hallphone.call;

import java.time.Duration;

/**
 * Schedules the call flow's timers. The real one runs the task on the call-flow thread; tests use a manual
 * clock so that the transition table is checked without threads or sleeps.
 */
public interface FlowTimers {

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be cancelled. Cancelling twice or after it ran does nothing. */
    interface Cancellable {
        void cancel();
    }
}
