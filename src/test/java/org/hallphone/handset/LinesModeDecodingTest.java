package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hallphone.config.HandsetConfig.LineSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Lines mode decoding with a fake line-state source: every signal, both polarities, chatter and failure. */
class LinesModeDecodingTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(50);

    static Stream<Arguments> signalsAndPolarities() {
        List<Arguments> rows = new ArrayList<>();
        for (LineSignal signal : LineSignal.values()) {
            rows.add(Arguments.of(signal, true));
            rows.add(Arguments.of(signal, false));
        }
        return rows.stream();
    }

    /** Only {@code signal} at {@code level}; every other input at the opposite level, to catch a wrong wire. */
    static ModemLines only(LineSignal signal, boolean level) {
        return new ModemLines(
                signal == LineSignal.CTS ? level : !level,
                signal == LineSignal.DSR ? level : !level,
                signal == LineSignal.DCD ? level : !level,
                signal == LineSignal.RI ? level : !level);
    }

    @ParameterizedTest(name = "{0}, lifted when high: {1}")
    @MethodSource("signalsAndPolarities")
    void decoderReadsTheConfiguredSignalWithItsPolarity(LineSignal signal, boolean offhookHigh) {
        LinesMode mode = new LinesMode(signal, offhookHigh, HandsetTap.NONE);
        assertEquals(HookState.LIFTED, mode.decode(only(signal, offhookHigh)));
        assertEquals(HookState.RESTING, mode.decode(only(signal, !offhookHigh)));
    }

    @ParameterizedTest(name = "{0}, lifted when high: {1}")
    @MethodSource("signalsAndPolarities")
    void pollingGivesDebouncedEventsAndIgnoresChatter(LineSignal signal, boolean offhookHigh) throws IOException {
        FakeLineStateSource source = new FakeLineStateSource();
        ManualTimers timers = new ManualTimers();
        List<HookState> changes = new ArrayList<>();
        List<ModemLines> seen = new ArrayList<>();
        Debouncer debouncer = new Debouncer(DEBOUNCE, timers, HookState.RESTING, changes::add);
        LinesMode mode = new LinesMode(signal, offhookHigh, new HandsetTap() {
            @Override
            public void lineState(ModemLines lines, HookState reading) {
                seen.add(lines);
            }
        });
        ModemLines resting = only(signal, !offhookHigh);
        ModemLines lifted = only(signal, offhookHigh);

        source.set(resting);
        assertEquals(HookState.RESTING, mode.read(source));
        debouncer.reset(HookState.RESTING);

        // Chatter: polled every 10 ms, flipping each time, for 80 ms: no change reported.
        for (int i = 0; i < 8; i++) {
            source.set(i % 2 == 0 ? lifted : resting);
            debouncer.input(mode.read(source));
            timers.advance(Duration.ofMillis(10));
        }
        source.set(resting);
        debouncer.input(mode.read(source));
        timers.advance(Duration.ofMillis(200));
        assertEquals(List.of(), changes, "chatter must not lift the handset");

        // A steady lift seen by several polls: exactly one change.
        source.set(lifted);
        for (int i = 0; i < 10; i++) {
            debouncer.input(mode.read(source));
            timers.advance(Duration.ofMillis(20));
        }
        assertEquals(List.of(HookState.LIFTED), changes);

        source.set(resting);
        debouncer.input(mode.read(source));
        timers.advance(Duration.ofMillis(100));
        debouncer.input(mode.read(source));
        assertEquals(List.of(HookState.LIFTED, HookState.RESTING), changes);
        assertEquals(resting, seen.get(seen.size() - 1), "the monitor sees line-state changes");
    }

    @Test
    void theTapSeesTheInputsOnChangeAndAgainAfterReset() throws IOException {
        FakeLineStateSource source = new FakeLineStateSource();
        List<String> seen = new ArrayList<>();
        LinesMode mode = new LinesMode(LineSignal.DSR, true, new HandsetTap() {
            @Override
            public void lineState(ModemLines lines, HookState reading) {
                seen.add(lines + " " + reading);
            }
        });
        ModemLines dsrHigh = new ModemLines(false, true, false, false);
        source.set(dsrHigh);
        assertEquals(HookState.LIFTED, mode.read(source));
        assertEquals(HookState.LIFTED, mode.read(source));
        mode.reset();
        assertEquals(HookState.LIFTED, mode.read(source));
        source.set(new ModemLines(true, false, false, false));
        assertEquals(HookState.RESTING, mode.read(source));
        assertEquals(List.of(dsrHigh + " LIFTED", dsrHigh + " LIFTED", "CTS=1 DSR=0 DCD=0 RI=0 RESTING"), seen);
    }

    @Test
    void aFailingSourceSurfacesAsIoException() {
        FakeLineStateSource source = new FakeLineStateSource();
        source.breakDevice();
        LinesMode mode = new LinesMode(LineSignal.CTS, false, HandsetTap.NONE);
        assertThrows(IOException.class, () -> mode.read(source));
    }

    @Test
    void jsscLineStatusOrderIsCtsDsrRingDcd() {
        assertEquals(new ModemLines(true, false, false, false), ModemLines.fromJssc(new int[] {1, 0, 0, 0}));
        assertEquals(new ModemLines(false, true, false, false), ModemLines.fromJssc(new int[] {0, 1, 0, 0}));
        assertEquals(new ModemLines(false, false, false, true), ModemLines.fromJssc(new int[] {0, 0, 1, 0}));
        assertEquals(new ModemLines(false, false, true, false), ModemLines.fromJssc(new int[] {0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> ModemLines.fromJssc(new int[] {0, 0}));
    }
}
