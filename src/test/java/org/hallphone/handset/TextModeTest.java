package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text mode without a port: the words, bytes to readings, and (with the debouncer) to hook changes. */
class TextModeTest {

    private final List<String> raw = new ArrayList<>();
    private final UnknownLines unknown = new UnknownLines("test", () -> 0L);
    private final TextMode mode = new TextMode("OFFHOOK", "ONHOOK", unknown, new HandsetTap() {
        @Override
        public void rawLine(String line, Optional<HookState> reading) {
            raw.add(line + " -> " + reading.map(HookState::name).orElse("?"));
        }
    });

    private List<HookState> receive(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return mode.readings(bytes, bytes.length);
    }

    private static TextMode words(String offhook, String onhook) {
        return new TextMode(offhook, onhook, new UnknownLines("test", () -> 0L), HandsetTap.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OFFHOOK      | LIFTED",
        "offhook      | LIFTED",
        "'  OffHook\t'| LIFTED",
        "ONHOOK       | RESTING",
        "onhook       | RESTING",
    })
    void knownWords(String line, HookState expected) {
        assertEquals(Optional.of(expected), mode.decode(line));
    }

    @ParameterizedTest
    @CsvSource({"OFFHOOK!", "OFF HOOK", "HELLO", "''", "ONHOOKX"})
    void otherLinesAreUnknown(String line) {
        assertEquals(Optional.empty(), mode.decode(line));
    }

    @Test
    void configuredWordsAreUsed() {
        TextMode custom = words(" UP ", "down");
        assertEquals(Optional.of(HookState.LIFTED), custom.decode("up"));
        assertEquals(Optional.of(HookState.RESTING), custom.decode("DOWN"));
        assertEquals(Optional.empty(), custom.decode("OFFHOOK"));
    }

    @Test
    void equalOrEmptyWordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> words("X", "x"));
        assertThrows(IllegalArgumentException.class, () -> words(" ", "ONHOOK"));
    }

    @Test
    void linesSplitAcrossChunksBecomeReadingsInOrderAndGoToTheTap() {
        assertEquals(List.of(), receive("BOOT\r\nOFF"));
        assertEquals(List.of(HookState.LIFTED), receive("HOOK\r\n"));
        assertEquals(List.of(HookState.RESTING, HookState.LIFTED), receive("ONHOOK\nhello\nOFFHOOK\n"));
        assertEquals(List.of("BOOT -> ?", "OFFHOOK -> LIFTED", "ONHOOK -> RESTING", "hello -> ?",
                "OFFHOOK -> LIFTED"), raw);
        assertFalse(unknown.report("hello"), "the unknown line was reported already");
    }

    @Test
    void readingsThroughTheDebouncerBecomeChanges() {
        ManualTimers timers = new ManualTimers();
        List<HookState> changes = new ArrayList<>();
        Debouncer debouncer = new Debouncer(Duration.ofMillis(50), timers, HookState.RESTING, changes::add);

        receive("BOOT\r\nOFF").forEach(debouncer::input);
        receive("HOOK\r\n").forEach(debouncer::input);
        timers.advance(Duration.ofMillis(100));
        receive("ONHOOK\nOFFHOOK\n").forEach(debouncer::input); // a bounce: gone before the window ends
        timers.advance(Duration.ofMillis(100));
        receive("ONHOOK\n").forEach(debouncer::input);
        timers.advance(Duration.ofMillis(100));

        assertEquals(List.of(HookState.LIFTED, HookState.RESTING), changes);
    }

    @Test
    void overlongNoiseIsReportedOnceAndDoesNotBreakTheNextLine() {
        assertEquals(List.of(HookState.LIFTED), receive("\u00ff".repeat(1000) + "\nOFFHOOK\n"));
        assertFalse(unknown.report(TextMode.OVERLONG), "the over-long line was reported already");
    }

    @Test
    void resetForgetsAPartialLine() {
        receive("OFFH");
        mode.reset();
        assertEquals(List.of(), receive("OOK\n"), "'OOK' alone is no word");
    }
}
