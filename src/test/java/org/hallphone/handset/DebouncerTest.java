package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: each row is a script of raw readings at given times (ms, window 50 ms, stable state resting) and the
 * debounced changes expected with their times. "L" is a lifted reading, "R" a resting one.
 */
class DebouncerTest {

    private static final Duration WINDOW = Duration.ofMillis(50);

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("steady lift", "0:L", "50:L"),
                Arguments.of("lift then replace, both steady", "0:L 100:R", "50:L 150:R"),
                Arguments.of("bounce back within the window", "0:L 20:R", ""),
                Arguments.of("chatter ending where it began", "0:L 10:R 20:L 30:R 40:L 45:R", ""),
                Arguments.of("chatter ending lifted: one change, timed from the last edge", "0:L 10:R 20:L", "70:L"),
                Arguments.of("repeated readings do not restart the window", "0:L 20:L 40:L 60:L", "50:L"),
                Arguments.of("change just before the window ends restarts it", "0:L 49:R 60:L", "110:L"),
                Arguments.of("resting readings while resting are nothing", "0:R 30:R", ""),
                Arguments.of("lift, short drop while lifted, stays lifted", "0:L 100:R 110:L", "50:L"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void debounces(String name, String readings, String expected) {
        ManualTimers timers = new ManualTimers();
        List<String> changes = new ArrayList<>();
        Debouncer debouncer = new Debouncer(WINDOW, timers, HookState.RESTING,
                state -> changes.add(timers.nowMillis() + ":" + letter(state)));
        long now = 0;
        for (String step : readings.split(" ")) {
            String[] parts = step.split(":");
            long at = Long.parseLong(parts[0]);
            timers.advance(Duration.ofMillis(at - now));
            now = at;
            debouncer.input(parts[1].equals("L") ? HookState.LIFTED : HookState.RESTING);
        }
        timers.advance(Duration.ofSeconds(1));
        assertEquals(expected, String.join(" ", changes));
    }

    @Test
    void zeroWindowReportsAtOnce() {
        ManualTimers timers = new ManualTimers();
        List<HookState> changes = new ArrayList<>();
        Debouncer debouncer = new Debouncer(Duration.ZERO, timers, HookState.RESTING, changes::add);
        debouncer.input(HookState.LIFTED);
        debouncer.input(HookState.RESTING);
        assertEquals(List.of(HookState.LIFTED, HookState.RESTING), changes);
    }

    @Test
    void resetDropsAPendingChangeSilently() {
        ManualTimers timers = new ManualTimers();
        List<HookState> changes = new ArrayList<>();
        Debouncer debouncer = new Debouncer(WINDOW, timers, HookState.RESTING, changes::add);
        debouncer.input(HookState.LIFTED);
        debouncer.reset(HookState.RESTING);
        timers.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), changes);
        assertEquals(0, timers.pending());

        debouncer.reset(HookState.LIFTED);
        assertEquals(HookState.LIFTED, debouncer.stable());
        debouncer.input(HookState.LIFTED);
        timers.advance(Duration.ofSeconds(1));
        assertEquals(List.of(), changes, "a reading equal to the reset state is no change");
    }

    private static String letter(HookState state) {
        return state == HookState.LIFTED ? "L" : "R";
    }
}
