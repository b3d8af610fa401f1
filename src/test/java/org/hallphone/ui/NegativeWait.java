package org.hallphone.ui;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;

/**
 * The negative check of the UI tests: "this does not happen within that long", watched the whole time and named,
 * instead of a bare sleep before one look. (To be folded into {@code testing.Wait} as {@code never}.)
 */
final class NegativeWait {

    private NegativeWait() {
    }

    /** Fails as soon as {@code happened} holds during {@code duration}; {@code what} names what must not happen. */
    static void never(String what, Duration duration, BooleanSupplier happened) {
        long deadline = System.nanoTime() + duration.toNanos();
        do {
            Assertions.assertFalse(happened.getAsBoolean(), "did happen, but must not: " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Assertions.fail("interrupted while watching that " + what + " does not happen");
            }
        } while (System.nanoTime() < deadline);
        Assertions.assertFalse(happened.getAsBoolean(), "did happen, but must not: " + what);
    }
}
