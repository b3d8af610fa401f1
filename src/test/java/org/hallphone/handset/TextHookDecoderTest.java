package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextHookDecoderTest {

    private final TextHookDecoder decoder = new TextHookDecoder("OFFHOOK", "ONHOOK");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OFFHOOK      | LIFTED",
        "offhook      | LIFTED",
        "'  OffHook\t'| LIFTED",
        "ONHOOK       | RESTING",
        "onhook       | RESTING",
    })
    void knownWords(String line, HookState expected) {
        assertEquals(Optional.of(expected), decoder.decode(line));
    }

    @ParameterizedTest
    @CsvSource({"OFFHOOK!", "OFF HOOK", "HELLO", "''", "ONHOOKX"})
    void otherLinesAreUnknown(String line) {
        assertEquals(Optional.empty(), decoder.decode(line));
    }

    @Test
    void configuredWordsAreUsed() {
        TextHookDecoder custom = new TextHookDecoder(" UP ", "down");
        assertEquals(Optional.of(HookState.LIFTED), custom.decode("up"));
        assertEquals(Optional.of(HookState.RESTING), custom.decode("DOWN"));
        assertEquals(Optional.empty(), custom.decode("OFFHOOK"));
    }

    @Test
    void equalOrEmptyWordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TextHookDecoder("X", "x"));
        assertThrows(IllegalArgumentException.class, () -> new TextHookDecoder(" ", "ONHOOK"));
    }
}
