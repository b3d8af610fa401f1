package org.hallphone.call;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the call flow runs: one thread, "call-flow", for its events and its timers, so that the flow's state
 * needs no locks. Production uses {@link #own()}; tests pass {@link #on(Executor, Timers)} with a direct executor
 * and manual timers, so that the flow runs on the test's thread without sleeps.
 */
final class FlowThread {

    private static final Logger log = LoggerFactory.getLogger(FlowThread.class);

    /** How long {@link #close} waits for the last task (the call under way logged as interrupted). */
    private static final long STOP_PATIENCE_SECONDS = 5;

    private final Executor executor;
    private final Timers timers;
    /** The thread this owns and stops; null when the executor belongs to someone else (tests). */
    private final ScheduledExecutorService own;
    private volatile boolean closed;

    private FlowThread(Executor executor, Timers timers, ScheduledExecutorService own) {
        this.executor = executor;
        this.timers = timers;
        this.own = own;
    }

    /** A thread of the flow's own, named "call-flow", for events and timers. */
    static FlowThread own() {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "call-flow");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        // On close, timers still pending are dropped; events already posted (delay 0) still run.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return new FlowThread(thread, Timers.on(thread), thread);
    }

    /** Events run on {@code executor} (may be direct), timers come from {@code timers}; nothing to stop. */
    static FlowThread on(Executor executor, Timers timers) {
        return new FlowThread(executor, timers, null);
    }

    Timers timers() {
        return timers;
    }

    /**
     * Runs {@code task} on the flow's thread. A task that throws is logged loudly and the thread carries on: a
     * bug must not kill the only thread that decides. After {@link #close} nothing more runs.
     *
     * @param what what the task is about, for the log
     */
    void run(Object what, Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("call flow failed on {}", what, e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.debug("call flow stopped; {} dropped", what);
        }
    }

    /**
     * Runs {@code last} on the flow's own thread, then shuts the thread down without an interrupt (an interrupt
     * would abort file or socket I/O half-way) and waits for it. With a borrowed executor only stops taking tasks.
     */
    void close(Runnable last) {
        if (closed) {
            return;
        }
        if (own != null) {
            try {
                own.execute(last);
            } catch (RejectedExecutionException alreadyStopped) {
                log.debug("call flow already stopped");
            }
        }
        closed = true;
        if (own == null) {
            return;
        }
        own.shutdown();
        try {
            if (!own.awaitTermination(STOP_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                log.warn("the call-flow thread did not stop within {} s", STOP_PATIENCE_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
