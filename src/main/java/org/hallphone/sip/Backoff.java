package org.hallphone.sip;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Randomised exponential back-off for retries: {@code min(base·2^n, max)} times a random factor in [0.5, 1.0), so
 * that a fleet of terminals that lost the registrar together does not come back in step (cf. RFC 5626 §4.5).
 *
 * @param base first delay
 * @param max  ceiling of the delay before randomisation
 */
record Backoff(Duration base, Duration max) {

    /** 30 s doubling up to 30 min. */
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30));

    /** Delay before retry number {@code failures} (0 for the first retry). */
    Duration delay(int failures) {
        long capped = base.toMillis();
        for (int i = 0; i < failures && capped < max.toMillis(); i++) {
            capped *= 2;
        }
        capped = Math.min(capped, max.toMillis());
        double factor = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, (long) (capped * factor)));
    }
}
