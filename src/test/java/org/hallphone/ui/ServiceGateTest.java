package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static void failTimes(ServiceGate gate, int times) {
        for (int i = 0; i < times; i++) {
            gate.failed();
        }
    }

    @Test
    void lockOutsGrowFromFiveMinutesToHalfAnHourToADay() {
        failTimes(gate, 5);
        assertEquals(Optional.of(Instant.parse("2026-11-24T10:05:00Z")), gate.lockedUntil());
        clock.advance(Duration.ofMinutes(5));
        failTimes(gate, 5);
        assertEquals(Optional.of(Instant.parse("2026-11-24T10:35:00Z")), gate.lockedUntil());
        clock.advance(Duration.ofMinutes(30));
        failTimes(gate, 5);
        assertEquals(Optional.of(Instant.parse("2026-11-25T10:35:00Z")), gate.lockedUntil());
        clock.advance(Duration.ofHours(24));
        failTimes(gate, 5);
        assertEquals(Optional.of(Instant.parse("2026-11-26T10:35:00Z")), gate.lockedUntil(), "24 h stays the most");
        assertEquals(new ServiceGate.Figures(0, true, 20, 4), gate.figures());

        clock.advance(Duration.ofHours(24));
        gate.succeeded();
        failTimes(gate, 5);
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(5))), gate.lockedUntil(),
                "a right PIN starts the lock-outs again");
    }

    @Test
    void countAndLockSurviveARestart(@TempDir Path state) {
        ServiceGate before = ServiceGate.persistent(state, clock);
        failTimes(before, 5);
        clock.advance(Duration.ofMinutes(5));
        failTimes(before, 3);

        ServiceGate after = ServiceGate.persistent(state, clock); // the plug was pulled
        assertEquals(1, after.failed(), "three wrong PINs were kept");
        assertEquals(0, after.failed());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(30))), after.lockedUntil(),
                "the second lock-out of the run is the long one");

        ServiceGate locked = ServiceGate.persistent(state, clock);
        assertTrue(locked.lockedUntil().isPresent(), "still locked after another restart");
    }

    @Test
    void clockSetBackNeverLocksForLongerThanADay(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve(ServiceGate.STATE_FILE),
                "failures=0\nlockouts=3\nlocked_until=2036-01-01T00:00:00Z\n");
        ServiceGate gate = ServiceGate.persistent(state, clock);
        assertEquals(Optional.of(clock.instant().plus(Duration.ofHours(24))), gate.lockedUntil());
    }

    @Test
    void damagedStateFileStartsAFreshCount(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve(ServiceGate.STATE_FILE), "failures=lots\n");
        ServiceGate gate = ServiceGate.persistent(state, clock);
        assertEquals(4, gate.failed());
    }
}
