package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of the service PIN's hash and the rule for a new PIN, checked where the configuration is. */
class PinHashTest {

    /** A well-formed hash (1000 rounds, salt "hallphone-salt-1", PIN 0000), for tests that need a valid key. */
    static final String SAMPLE = "pbkdf2$1000$aGFsbHBob25lLXNhbHQtMQ==$1Q4Ls9OchgyqgINFOifpqdb6VfnUIkd21El4L9uNdz4=";

    @Test
    void theTextFormReadsAndWritesBack() {
        PinHash hash = PinHash.parse(SAMPLE).orElseThrow();
        assertEquals(1000, hash.iterations());
        assertArrayEquals("hallphone-salt-1".getBytes(StandardCharsets.US_ASCII), hash.salt());
        assertEquals(32, hash.key().length);
        assertEquals(SAMPLE, hash.text());
        assertEquals(SAMPLE, PinHash.parse(" " + SAMPLE + " ").orElseThrow().text(), "surrounding blanks");
        assertFalse(hash.toString().contains("pbkdf2"), "masked like a secret: " + hash);
    }

    @Test
    void malformedTextIsNoHash() {
        for (String bad : new String[] {"", "pbkdf2", "pbkdf2$abc", "pbkdf2$x$AAAA$AAAA", "md5$1000$AAAA$AAAA",
            "pbkdf2$1000$not base64!$AAAA", "pbkdf2$0$AAAA$AAAA", "pbkdf2$-5$AAAA$AAAA", "pbkdf2$1000$$AAAA",
            "pbkdf2$1000$AAAA$", "pbkdf2$10000001$AAAA$AAAA", "pbkdf2$1000$AAAA$AAAA$AAAA", "1234", null}) {
            assertTrue(PinHash.parse(bad).isEmpty(), String.valueOf(bad));
        }
        assertTrue(PinHash.parse("pbkdf2$10000000$AAAA$AAAA").isPresent(), "the most rounds accepted");
    }

    @Test
    void aNewPinHasSixToTwelveDigits() {
        PinHash.checkNewPin("123456".toCharArray());
        PinHash.checkNewPin("123456789012".toCharArray());
        for (String bad : List.of("", "12345", "1234567890123", "12a456", "12 456", "１２３４５６")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PinHash.checkNewPin(bad.toCharArray()), bad);
            assertEquals("the PIN must be 6 to 12 digits (0-9)", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PinHash.checkNewPin(null));
    }

    @Test
    void theLoaderChecksTheKeyWithFileLineAndNeverRepeatsTheValue() throws ConfigException {
        assertEquals(new Secret(SAMPLE),
                ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED + "ui.service-pin-hash=" + SAMPLE + "\n")
                        .ui().servicePinHash());
        assertEquals(Secret.NONE, ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED + "ui.service-pin-hash=\n")
                .ui().servicePinHash(), "empty: the service screen is closed");
        assertEquals(List.of("test.properties:5: ui.service-pin-hash: not a hash printed by --hash-pin "
                + "(pbkdf2$<iterations>$<salt>$<hash>)"),
                ConfigLoaderTest.errors(ConfigLoaderTest.REQUIRED + "ui.service-pin-hash=246813\n"));
    }
}
