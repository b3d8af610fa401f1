package org.hallphone.calllog;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the call log's files ("calllog-writer"), so that the call flow never waits for a
 * disk: a marker or a row is handed over and written here, in order. The hand-over is bounded
 * ({@link #MAX_QUEUED}): when a hung disk holds the thread, {@link #submit} refuses at once instead of growing
 * without limit, and the caller keeps the record in memory. Timers (heartbeat, retry) run on the same thread.
 *
 * <p>For unit tests a direct variant runs every task on the calling thread.
 */
final class JournalThread {

    private static final Logger log = LoggerFactory.getLogger(JournalThread.class);

    /** Tasks waiting for the disk before {@link #submit} refuses new ones: far more than calls in a day. */
    static final int MAX_QUEUED = 256;

    private final ScheduledThreadPoolExecutor thread;
    private final boolean direct;
    private final AtomicInteger queued = new AtomicInteger();
    /** {@link System#nanoTime} when the task under way started; 0 while idle. */
    private volatile long busySince;
    private volatile Consumer<Duration> latency = d -> { };

    /** @param direct run submitted tasks on the caller's thread (unit tests); timers still use the thread */
    JournalThread(boolean direct) {
        this.direct = direct;
        this.thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "calllog-writer");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    /** Receives how long each write took from hand-over to done (queueing included). */
    void observeLatency(Consumer<Duration> observer) {
        latency = observer;
    }

    /** Tasks handed over and not yet done. */
    int queued() {
        return queued.get();
    }

    /**
     * Runs {@code task} on the writer thread after the tasks before it.
     *
     * @return false, at once, when {@link #MAX_QUEUED} tasks are waiting or the log is closed
     */
    boolean submit(Runnable task) {
        long handedOver = System.nanoTime();
        if (direct) {
            run(task, handedOver);
            return true;
        }
        if (queued.incrementAndGet() > MAX_QUEUED || thread.isShutdown()) {
            queued.decrementAndGet();
            return false;
        }
        try {
            thread.execute(() -> {
                try {
                    run(task, handedOver);
                } finally {
                    queued.decrementAndGet();
                }
            });
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queued.decrementAndGet();
            return false;
        }
    }

    /** How long the task under way has been running (a hung disk holds it in the kernel); zero while idle. */
    Duration busyFor() {
        long since = busySince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - since));
    }

    private void run(Runnable task, long handedOver) {
        busySince = Math.max(1, System.nanoTime());
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("call log: a write failed unexpectedly", e);
        } finally {
            busySince = 0;
        }
        latency.accept(Duration.ofNanos(System.nanoTime() - handedOver));
    }

    /** Runs {@code task} every {@code period} on the writer thread until {@link #finish}. */
    void every(Duration period, Runnable task) {
        long millis = period.toMillis();
        thread.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("call log: a timed task failed unexpectedly", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the timers, lets the writes already handed over finish (never interrupting file I/O: an interrupt
     * would close the file channel half-way) and waits up to {@code patience} for them.
     *
     * @return true when every write handed over is done
     */
    boolean finish(Duration patience) {
        thread.shutdown();
        try {
            return thread.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
