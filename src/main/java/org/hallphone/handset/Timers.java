package org.hallphone.handset;

import java.time.Duration;

/** Runs a task once after a delay, on the driver's thread; injectable so that debounce tests use a manual clock. */
interface Timers {

    /** Schedules {@code task} after {@code delay}; the returned handle cancels it (best effort). */
    Cancellable after(Duration delay, Runnable task);

    /** A scheduled task that may still be cancelled. */
    interface Cancellable {
        void cancel();
    }
}
