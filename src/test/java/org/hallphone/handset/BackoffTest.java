package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromHalfASecondUpToTenSecondsAndResets() {
        Backoff backoff = new Backoff();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(backoff.next().toMillis());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 10000L, 10000L, 10000L), delays);
        backoff.reset();
        assertEquals(Duration.ofMillis(500), backoff.next());
    }
}
