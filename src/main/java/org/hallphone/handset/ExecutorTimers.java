package org.hallphone.handset;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Timers} on the driver's single-thread scheduler, so timer tasks run on the driver's thread. */
final class ExecutorTimers implements Timers {

    private final ScheduledExecutorService executor;

    ExecutorTimers(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
