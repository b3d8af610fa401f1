package org.hallphone.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;

/** Polls a condition until it holds or a generous deadline passes (tests never assert on speed). */
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
     * A "nothing happened" check: watches {@code condition} for the whole {@code duration} and fails, naming
     * {@code reason}, as soon as it holds. The reason says what must not happen, so that a failure explains itself
     * and a reader sees what the wait is for (a bare sleep before an assertion says neither).
     */
    public static void never(String reason, Duration duration, BooleanSupplier condition) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                Assertions.fail("within " + duration + ": " + reason);
            }
            if (System.nanoTime() >= deadline) {
                return;
            }
            pause(reason);
        }
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
