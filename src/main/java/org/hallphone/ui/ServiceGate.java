package org.hallphone.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts wrong PINs for the service screen: {@link #MAX_FAILURES} in a row lock it for {@link #LOCK}. Lives on
 * the FX thread; the clock is injected so that tests can move time.
 */
final class ServiceGate {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(5);

    private final Clock clock;
    private int failures;
    private Instant lockedUntil = Instant.MIN;

    ServiceGate(Clock clock) {
        this.clock = clock;
    }

    /** When the gate is locked now, the instant it opens again. */
    Optional<Instant> lockedUntil() {
        return clock.instant().isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
    }

    /** Records a wrong PIN; returns how many tries are left before the lock (0: locked now). */
    int failed() {
        failures++;
        if (failures >= MAX_FAILURES) {
            failures = 0;
            lockedUntil = clock.instant().plus(LOCK);
            return 0;
        }
        return MAX_FAILURES - failures;
    }

    /** Records a right PIN: the count starts again. */
    void succeeded() {
        failures = 0;
    }
}
