package org.hallphone.call;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one back-off of the terminal: the delay before retry number {@code n} (0 for the first retry) is
 * {@code min(first·2^n, max)}, optionally multiplied by a random factor in [0.5, 1.0) so that a fleet of terminals
 * that lost a server together does not come back in step (cf. RFC 5626 §4.5). Callers count their own failures;
 * the policy itself holds no state, so one instance may be shared.
 *
 * <p>It lives in {@code call} because every adapter retries something (the serial port, the audio devices, the SIP
 * stack and the registration) and adapters share nothing but the kernel.
 *
 * @param first  the first delay
 * @param max    the ceiling of the delay before randomisation
 * @param jitter whether the delay is randomised
 */
public record Backoff(Duration first, Duration max, boolean jitter) {

    /** Reopening a local device (serial port, sound card): 0.5 s doubling up to 10 s, no jitter. */
    public static final Backoff DEVICE = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), false);

    /** Reaching a server (SIP stack, registrar): 30 s doubling up to 30 min, randomised. */
    public static final Backoff SERVER = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30), true);

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** The delay before retry number {@code failures} (0 for the first retry). */
    public Duration delay(int failures) {
        long millis = first.toMillis();
        long maxMillis = max.toMillis();
        for (int i = 0; i < failures && millis < maxMillis; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, maxMillis);
        if (jitter) {
            millis = (long) (millis * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5));
        }
        return Duration.ofMillis(Math.max(1, millis));
    }
}
