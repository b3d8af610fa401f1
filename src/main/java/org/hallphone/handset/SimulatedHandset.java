package org.hallphone.handset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent;
import org.hallphone.call.ManualHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handset of {@code --demo} and of tests: lifted and replaced from code, from the screen (through
 * {@link ManualHook}) or from a terminal's keyboard ({@link #readKeyboard}). It is always connected and has no
 * bounce, so every change is reported at once. Thread-safe.
 */
public final class SimulatedHandset implements HandsetDriver, ManualHook {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedHandset.class);

    private final Consumer<CallEvent> events;
    private boolean lifted;
    private boolean started;
    private boolean closed;

    public SimulatedHandset(Consumer<CallEvent> events) {
        this.events = events;
    }

    /** Posts {@code HandsetRestored(lifted)}: the simulated device is there from the start. */
    @Override
    public void start() {
        boolean now;
        synchronized (this) {
            if (started || closed) {
                return;
            }
            started = true;
            now = lifted;
        }
        events.accept(new CallEvent.HandsetRestored(now));
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public synchronized boolean connected() {
        return started && !closed;
    }

    @Override
    public synchronized boolean lifted() {
        return lifted;
    }

    /** Lifts or replaces the handset; posts {@code HandsetLifted}/{@code HandsetReplaced} when the state changes. */
    @Override
    public void setLifted(boolean lift) {
        synchronized (this) {
            if (lift == lifted || closed) {
                return;
            }
            lifted = lift;
            if (!started) {
                return; // start() reports the state
            }
        }
        LOG.info("Simulated handset {}", lift ? "lifted" : "replaced");
        events.accept(lift ? new CallEvent.HandsetLifted() : new CallEvent.HandsetReplaced());
    }

    /** Lifts a resting handset, replaces a lifted one. */
    public void toggle() {
        boolean target;
        synchronized (this) {
            target = !lifted;
        }
        setLifted(target); // posts outside the lock: the consumer may call back into this handset
    }

    /**
     * Starts a daemon thread that toggles the handset on every line read from {@code in} consisting of nothing but
     * spaces (Space then Enter, or just Enter: a terminal delivers input line by line). Other lines are ignored.
     * Use {@code System.in} for {@code --demo} in a terminal. The thread ends at end of input; after
     * {@link #close()} its input is ignored (a thread blocked reading a console cannot be interrupted).
     */
    public Thread readKeyboard(InputStream in) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (this) {
                        if (closed) {
                            return;
                        }
                    }
                    if (line.isBlank()) {
                        toggle();
                    }
                }
            } catch (IOException e) {
                LOG.warn("Keyboard input for the simulated handset ended: {}", e.getMessage());
            }
        }, "handset-keyboard");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
