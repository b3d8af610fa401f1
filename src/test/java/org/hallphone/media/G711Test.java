package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class G711Test {

    /** Code words and their decoded values from the G.711 tables (16-bit scale). */
    @ParameterizedTest
    @CsvSource({
        "PCMU, 0xFF, 0", "PCMU, 0x7F, 0", "PCMU, 0x80, 32124", "PCMU, 0x00, -32124",
        "PCMU, 0xFE, 8", "PCMU, 0x7E, -8", "PCMU, 0xCE, 988", "PCMU, 0xF0, 120",
        "PCMA, 0xD5, 8", "PCMA, 0x55, -8", "PCMA, 0xAA, 32256", "PCMA, 0x2A, -32256",
        "PCMA, 0xD4, 24", "PCMA, 0xC5, 264", "PCMA, 0xF5, 528"
    })
    void decodesKnownCodeWords(Codec codec, String code, int linear) {
        assertEquals(linear, G711.decode(codec, (byte) Integer.parseInt(code.substring(2), 16)));
    }

    @ParameterizedTest
    @CsvSource({
        "PCMU, 0, 0xFF", "PCMU, 32767, 0x80", "PCMU, -32768, 0x00", "PCMU, 1000, 0xCE", "PCMU, -1000, 0x4E",
        "PCMA, 0, 0xD5", "PCMA, 32767, 0xAA", "PCMA, -32768, 0x2A", "PCMA, 1000, 0xFA", "PCMA, -1, 0x55"
    })
    void encodesKnownValues(Codec codec, int linear, String code) {
        assertEquals(Integer.parseInt(code.substring(2), 16), G711.encode(codec, (short) linear) & 0xFF);
    }

    @Test
    void everyCodeWordRoundTrips() {
        for (Codec codec : Codec.values()) {
            for (int code = 0; code < 256; code++) {
                short linear = G711.decode(codec, (byte) code);
                int again = G711.encode(codec, linear) & 0xFF;
                if (codec == Codec.PCMU && code == 0x7F) {
                    assertEquals(0xFF, again, "µ-law negative zero encodes as positive zero");
                } else {
                    assertEquals(code, again, codec + " code " + code);
                }
            }
        }
    }

    @Test
    void quantisationErrorStaysWithinHalfAStep() {
        for (Codec codec : Codec.values()) {
            int previous = Integer.MIN_VALUE;
            for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
                int y = G711.decode(codec, G711.encode(codec, (short) x));
                assertTrue(Math.abs(y - x) <= Math.max(16, Math.abs(x) / 16), codec + " at " + x + " gave " + y);
                assertTrue(y >= previous, codec + " is monotonic at " + x);
                previous = y;
            }
        }
    }
}
