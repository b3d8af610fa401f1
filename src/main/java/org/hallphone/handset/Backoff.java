package org.hallphone.handset;

import java.time.Duration;

/** Delays between attempts to reopen a lost device: {@code first}, doubling up to {@code max}. */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(500);
    static final Duration MAX = Duration.ofSeconds(10);

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    Backoff() {
        this(FIRST, MAX);
    }

    /** The delay before the next attempt; each call doubles the following one, up to the maximum. */
    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    void reset() {
        next = first;
    }
}
