package org.hallphone.call;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one timer port: runs a task once after a delay. The call flow and the handset driver take it in their
 * constructors; production passes {@link #on(ScheduledExecutorService)} so that timer tasks run on the owner's own
 * thread, tests pass a manual clock so that timing is checked without threads or sleeps.
 */
public interface Timers {

    /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be cancelled. Cancelling twice or after it ran does nothing. */
    interface Cancellable {
        void cancel();
    }

    /** Timers on {@code thread}: each task runs on that scheduler's thread. */
    static Timers on(ScheduledExecutorService thread) {
        return (delay, task) -> {
            ScheduledFuture<?> future = thread.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }

    /** Timers that never fire (dry runs). */
    static Timers never() {
        return (delay, task) -> () -> { };
    }
}
