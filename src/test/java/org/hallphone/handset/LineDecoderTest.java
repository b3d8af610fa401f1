package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    static Stream<Arguments> chunksAndLines() {
        return Stream.of(
                Arguments.of(List.of("OFFHOOK\n"), List.of("OFFHOOK")),
                Arguments.of(List.of("OFFHOOK\r\n"), List.of("OFFHOOK")),
                Arguments.of(List.of("OFFHOOK\r"), List.of("OFFHOOK")),
                Arguments.of(List.of("OFF", "HO", "OK\r", "\nONHOOK\n"), List.of("OFFHOOK", "ONHOOK")),
                Arguments.of(List.of("A\nB\r\nC\rD\n"), List.of("A", "B", "C", "D")),
                Arguments.of(List.of("\n\r\n\r\rX\n\n"), List.of("X")),
                Arguments.of(List.of("partial"), List.of()),
                Arguments.of(List.of("  spaced  \n"), List.of("  spaced  ")),
                Arguments.of(List.of("трубка\n"), List.of("трубка")));
    }

    @ParameterizedTest
    @MethodSource("chunksAndLines")
    void splitsLines(List<String> chunks, List<String> expected) {
        LineDecoder decoder = new LineDecoder();
        List<String> lines = new ArrayList<>();
        for (String chunk : chunks) {
            lines.addAll(decoder.feed(chunk.getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(expected, lines);
    }

    @Test
    void multiByteCharacterSplitAcrossChunksIsKept() {
        LineDecoder decoder = new LineDecoder();
        byte[] bytes = "ж\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), decoder.feed(bytes, 0, 1));
        assertEquals(List.of("ж"), decoder.feed(bytes, 1, bytes.length - 1));
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        LineDecoder decoder = new LineDecoder();
        assertEquals(List.of("\uFFFDOK\uFFFD"), decoder.feed(new byte[] {(byte) 0xC3, 'O', 'K', (byte) 0xFF, '\n'}));
    }

    @Test
    void overlongLineIsDiscardedUpToItsEndAndCounted() {
        LineDecoder decoder = new LineDecoder(8);
        assertEquals(List.of(), decoder.feed("0123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of("OFFHOOK"), decoder.feed("ABC\nOFFHOOK\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(1, decoder.overlongLines());
        assertEquals(List.of("12345678"), decoder.feed("12345678\n".getBytes(StandardCharsets.US_ASCII)),
                "a line of exactly the maximum length is kept");
    }

    @Test
    void resetForgetsAPartialLine() {
        LineDecoder decoder = new LineDecoder();
        decoder.feed("OFFH".getBytes(StandardCharsets.US_ASCII));
        decoder.reset();
        assertEquals(List.of("ONHOOK"), decoder.feed("ONHOOK\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
