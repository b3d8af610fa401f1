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
        LineHookDecoder decoder = new LineHookDecoder(signal, offhookHigh);
        assertEquals(HookState.LIFTED, decoder.decode(only(signal, offhookHigh)));
        assertEquals(HookState.RESTING, decoder.decode(only(signal, !offhookHigh)));
    }

    @ParameterizedTest(name = "{0}, lifted when high: {1}")
    @MethodSource("signalsAndPolarities")
    void pollingGivesDebouncedEventsAndIgnoresChatter(LineSignal signal, boolean offhookHigh) throws IOException {
        FakeLineStateSource source = new FakeLineStateSource();
        ManualTimers timers = new ManualTimers();
        List<HookState> changes = new ArrayList<>();
        List<ModemLines> seen = new ArrayList<>();
        Debouncer debouncer = new Debouncer(DEBOUNCE, timers, HookState.RESTING, changes::add);
        LinesHookReader reader = new LinesHookReader(source, new LineHookDecoder(signal, offhookHigh), debouncer,
                new HandsetTap() {
                    @Override
                    public void lineState(ModemLines lines) {
                        seen.add(lines);
                    }
                });
        ModemLines resting = only(signal, !offhookHigh);
        ModemLines lifted = only(signal, offhookHigh);

        source.set(resting);
        assertEquals(HookState.RESTING, reader.readNow());
        debouncer.reset(HookState.RESTING);

        // Chatter: polled every 10 ms, flipping each time, for 80 ms: no change reported.
        for (int i = 0; i < 8; i++) {
            source.set(i % 2 == 0 ? lifted : resting);
            reader.poll();
            timers.advance(Duration.ofMillis(10));
        }
        source.set(resting);
        reader.poll();
        timers.advance(Duration.ofMillis(200));
        assertEquals(List.of(), changes, "chatter must not lift the handset");

        // A steady lift seen by several polls: exactly one change.
        source.set(lifted);
        for (int i = 0; i < 10; i++) {
            reader.poll();
            timers.advance(Duration.ofMillis(20));
        }
        assertEquals(List.of(HookState.LIFTED), changes);

        source.set(resting);
        reader.poll();
        timers.advance(Duration.ofMillis(100));
        reader.poll();
        assertEquals(List.of(HookState.LIFTED, HookState.RESTING), changes);
        assertEquals(resting, seen.get(seen.size() - 1), "the monitor sees line-state changes");
    }

    @Test
    void readNowIsTheStateAtOpenWithoutDebounce() throws IOException {
        FakeLineStateSource source = new FakeLineStateSource();
        source.set(new ModemLines(false, true, false, false));
        List<HookState> changes = new ArrayList<>();
        ManualTimers timers = new ManualTimers();
        LinesHookReader reader = new LinesHookReader(source, new LineHookDecoder(LineSignal.DSR, true),
                new Debouncer(DEBOUNCE, timers, HookState.RESTING, changes::add), HandsetTap.NONE);
        assertEquals(HookState.LIFTED, reader.readNow());
        assertEquals(List.of(), changes);
    }

    @Test
    void aFailingSourceSurfacesAsIoException() {
        FakeLineStateSource source = new FakeLineStateSource();
        source.breakDevice();
        LinesHookReader reader = new LinesHookReader(source, new LineHookDecoder(LineSignal.CTS, false),
                new Debouncer(DEBOUNCE, new ManualTimers(), HookState.RESTING, s -> { }), HandsetTap.NONE);
        assertThrows(IOException.class, reader::poll);
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
