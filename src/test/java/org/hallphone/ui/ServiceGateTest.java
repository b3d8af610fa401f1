package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceGateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ServiceGate gate = new ServiceGate(clock);

    @Test
    void fiveWrongPinsLockForFiveMinutes() {
        assertEquals(4, gate.failed());
        assertEquals(3, gate.failed());
        assertEquals(2, gate.failed());
        assertEquals(1, gate.failed());
        assertTrue(gate.lockedUntil().isEmpty());
        assertEquals(0, gate.failed());
        assertEquals(Optional.of(Instant.parse("2026-11-24T10:05:00Z")), gate.lockedUntil());
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertTrue(gate.lockedUntil().isPresent());
        clock.advance(Duration.ofMillis(1));
        assertFalse(gate.lockedUntil().isPresent());
        assertEquals(4, gate.failed(), "the count starts again after the lock");
    }

    @Test
    void aRightPinResetsTheCount() {
        gate.failed();
        gate.failed();
        gate.failed();
        gate.failed();
        gate.succeeded();
        assertEquals(4, gate.failed());
        assertTrue(gate.lockedUntil().isEmpty());
    }
}
