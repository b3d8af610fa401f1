package org.hallphone.ui;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on the FX thread at every whole second, without a JavaFX animation: a running {@code Timeline} keeps
 * the toolkit's 60 Hz pulse going even when nothing on the screen changes (several percent of a core on a small
 * board), while this costs one wake-up a second and a pulse only when the task changed something.
 */
final class SecondTicker {

    private static final Logger LOG = LoggerFactory.getLogger(SecondTicker.class);
    private static final long SECOND_MS = 1000;

    private final Runnable onFxThread;
    private ScheduledThreadPoolExecutor timer;

    SecondTicker(Runnable onFxThread) {
        this.onFxThread = onFxThread;
    }

    /** Starts ticking (idempotent); call on the FX thread. */
    void start() {
        if (timer != null) {
            return;
        }
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "kiosk-second");
            thread.setDaemon(true);
            return thread;
        });
        long toNextSecond = SECOND_MS - System.currentTimeMillis() % SECOND_MS;
        timer.scheduleAtFixedRate(() -> Platform.runLater(this::tick), toNextSecond, SECOND_MS,
                TimeUnit.MILLISECONDS);
    }

    /** Stops ticking (idempotent). */
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private void tick() {
        if (timer == null) {
            return; // stopped while this tick was queued
        }
        try {
            onFxThread.run();
        } catch (RuntimeException e) {
            LOG.warn("screen tick failed", e);
        }
    }
}
