package org.hallphone.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void aDeviceIsRetriedFromHalfASecondDoublingUpToTenSeconds() {
        List<Long> delays = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            delays.add(Backoff.DEVICE.delay(n).toMillis());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L), delays);
    }

    @Test
    void aServerIsRetriedWithJitterBetweenHalfAndAllOfTheCappedDelay() {
        Set<Long> seen = new HashSet<>();
        for (int n = 0; n < 20; n++) {
            long ideal = Math.min(30_000L << Math.min(n, 20), 1_800_000L);
            long delay = Backoff.SERVER.delay(n).toMillis();
            seen.add(delay);
            assertTrue(delay >= ideal / 2 && delay <= ideal, n + ": " + delay);
        }
        assertTrue(Backoff.SERVER.delay(Integer.MAX_VALUE).toMillis() <= 1_800_000L);
        assertTrue(seen.size() > 10, "delays are randomised: " + seen);
    }

    @Test
    void aPolicyThatCannotGrowIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), false));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), false));
    }
}
