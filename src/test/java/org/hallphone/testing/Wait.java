package org.hallphone.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;

/**
 * Polls a condition for a generous time (tests never assert on speed). {@link #until} waits for something to
 * happen; {@link #never} is the negative check: it names what must not happen and watches for it the whole time,
 * so a slow machine makes it watch longer, never pass without looking.
 */
public final class Wait {

    private static final long POLL_MS = 20;

    private Wait() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            pause(what);
        }
        Assertions.assertTrue(condition.getAsBoolean(), "timed out after " + timeout + " waiting for " + what);
    }

    /**
     * Fails, naming {@code reason}, as soon as {@code condition} holds during {@code duration}; returns when it has
     * stayed false the whole time (checked every 20 ms and once more at the end).
     *
     * @param reason what must not happen, e.g. "a redial after the far end hung up"
     */
    public static void never(String reason, Duration duration, BooleanSupplier condition) {
        long deadline = System.nanoTime() + duration.toNanos();
        do {
            if (condition.getAsBoolean()) {
                Assertions.fail("it happened, but must not: " + reason);
            }
            pause(reason);
        } while (System.nanoTime() < deadline);
        Assertions.assertFalse(condition.getAsBoolean(), "it happened, but must not: " + reason);
    }

    private static void pause(String what) {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assertions.fail("interrupted while waiting for " + what);
        }
    }
}
