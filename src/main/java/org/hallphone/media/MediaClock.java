package org.hallphone.media;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one daemon thread, "media-clock": runs the posted audio commands, and while there is audio to carry
 * steps every 20 ms at a fixed rate (no drift). It starts stepping when {@link #wake woken} and stops
 * {@link #IDLE_BEFORE_STOP_MS} after {@code busy} last said yes, so that an idle terminal does no audio work at all.
 * A step never ends the clock: anything it throws, an {@link Error} too (a sound stack's UnsatisfiedLinkError, say),
 * would cancel the schedule and silence every later call, so it is caught, counted and logged at most once a minute.
 */
final class MediaClock implements AutoCloseable {

    /** Silence ticked after the last sound ends before the clock stops: flushes the earpiece, avoids churn. */
    static final int IDLE_BEFORE_STOP_MS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(MediaClock.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ScheduledThreadPoolExecutor executor;
    private final Runnable step;
    private final BooleanSupplier busy;
    private volatile boolean closed;
    private volatile boolean ticking;
    private volatile long lastTickNanos = System.nanoTime();
    private volatile long failedTicks;

    // clock thread only
    private long lastFailureLogNanos;
    private ScheduledFuture<?> ticks;
    private int idleTicks;

    /**
     * @param step the 20 ms step
     * @param busy whether there is still something to play or send (asked on the clock thread after each step)
     */
    MediaClock(Runnable step, BooleanSupplier busy) {
        this.step = step;
        this.busy = busy;
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "media-clock");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} on the clock thread; false once the clock is closed. */
    boolean post(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    LOG.warn("Audio command failed", e); // an Error too: it must not end the clock (F22)
                }
            });
            return true;
        } catch (RejectedExecutionException afterClose) {
            return false;
        }
    }

    /** On the clock thread: something to play or send; starts the steps now unless they run. */
    void wake() {
        idleTicks = 0;
        if (ticks == null && !closed) {
            lastTickNanos = System.nanoTime();
            ticks = executor.scheduleAtFixedRate(this::tick, 0, Codec.PTIME_MS, TimeUnit.MILLISECONDS);
            ticking = true;
            LOG.debug("Audio clock started");
        }
    }

    /** True while the clock steps (a call, a tone, a prompt or the self-test, and a short tail after). */
    boolean running() {
        return ticking;
    }

    /** Milliseconds since the last step finished; 0 while the clock rests on purpose. */
    long millisSinceTick() {
        return ticking ? (System.nanoTime() - lastTickNanos) / 1_000_000 : 0;
    }

    long failedTicks() {
        return failedTicks;
    }

    private void tick() {
        try {
            step.run();
        } catch (Throwable e) {
            long now = System.nanoTime();
            if (failedTicks++ == 0 || now - lastFailureLogNanos > FAILURE_LOG_INTERVAL_NANOS) {
                lastFailureLogNanos = now;
                LOG.warn("Audio clock tick failed ({} failures so far); the clock goes on", failedTicks, e);
            }
        } finally {
            lastTickNanos = System.nanoTime();
        }
        stopWhenIdle();
    }

    /** After a step: stops the steps once nothing has been playing for a while. */
    private void stopWhenIdle() {
        if (busy.getAsBoolean()) {
            idleTicks = 0;
            return;
        }
        if (++idleTicks * Codec.PTIME_MS >= IDLE_BEFORE_STOP_MS && ticks != null) {
            ticks.cancel(false);
            ticks = null;
            ticking = false;
            LOG.debug("Audio clock stopped: nothing to play");
        }
    }

    /** Stops the thread, waiting up to 2 s for a step under way. Idempotent. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        ticking = false;
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
