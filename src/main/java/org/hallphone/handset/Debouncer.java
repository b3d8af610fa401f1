package org.hallphone.handset;

import java.time.Duration;
import org.hallphone.call.Timers;
import java.util.function.Consumer;

/**
 * Turns raw hook readings into debounced changes: a reading that differs from the stable state counts only when no
 * other change arrives for {@code window}. Contact bounce and chatter (several changes within the window) therefore
 * never produce a change, and a steady change produces exactly one. Repeating the same raw reading (a device that
 * prints its state periodically, or a poll) does not restart the window.
 *
 * <p>Confined to one thread: {@link #input}, {@link #reset} and the {@link Timers} tasks run on the driver's thread.
 */
final class Debouncer {

    private final Duration window;
    private final Timers timers;
    private final Consumer<HookState> onChange;

    private HookState stable;
    private HookState raw;
    private Timers.Cancellable pending;
    private long generation;

    Debouncer(Duration window, Timers timers, HookState initial, Consumer<HookState> onChange) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("debounce window must not be negative: " + window);
        }
        this.window = window;
        this.timers = timers;
        this.onChange = onChange;
        this.stable = initial;
        this.raw = initial;
    }

    /** A raw reading from the device. */
    void input(HookState reading) {
        if (reading == raw) {
            return;
        }
        raw = reading;
        cancelPending();
        if (raw == stable) {
            return; // it bounced back before settling: nothing happened
        }
        if (window.isZero()) {
            settle();
            return;
        }
        long mine = ++generation;
        pending = timers.schedule(window, () -> {
            if (mine == generation) {
                settle();
            }
        });
    }

    /** Sets the state without reporting it (device opened or lost) and drops any pending change. */
    void reset(HookState state) {
        cancelPending();
        stable = state;
        raw = state;
    }

    HookState stable() {
        return stable;
    }

    private void settle() {
        pending = null;
        if (raw != stable) {
            stable = raw;
            onChange.accept(stable);
        }
    }

    private void cancelPending() {
        generation++;
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
    }
}
