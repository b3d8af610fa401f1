package org.hallphone.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread for everything the screen asks of the rest of the terminal that could block (the service
 * desk, the rating file, the simulated hook, PIN hashing), so the FX thread never waits. Results come back to the
 * FX thread.
 */
final class BackgroundWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "kiosk-ui-worker");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs {@code work} on the worker; then hands its result to {@code onFx} on the FX thread. */
    <T> void run(String what, Supplier<T> work, Consumer<T> onFx) {
        submit(what, () -> {
            T result = work.get();
            Platform.runLater(() -> onFx.accept(result));
        });
    }

    /** Runs {@code work} on the worker; failures are logged. */
    void run(String what, Runnable work) {
        submit(what, work);
    }

    private void submit(String what, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} failed", what, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.debug("{} skipped: the window is closed", what);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
