package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.hallphone.config.PinHash;
import org.junit.jupiter.api.Test;

class ServicePinTest {

    @Test
    void hashHasTheDocumentedFormAndVerifies() {
        String stored = ServicePin.hash("482105".toCharArray());
        String[] parts = stored.split("\\$");
        assertEquals(4, parts.length, stored);
        assertEquals("pbkdf2", parts[0]);
        assertEquals(ServicePin.ITERATIONS, Integer.parseInt(parts[1]));
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length, "salt bytes");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "hash bytes");
        assertTrue(PinHash.parse(stored).isPresent(), "the configuration accepts it");
        assertTrue(ServicePin.verify("482105".toCharArray(), stored));
        assertFalse(ServicePin.verify("482106".toCharArray(), stored));
        assertFalse(ServicePin.verify("4821050".toCharArray(), stored));
        assertFalse(ServicePin.verify(new char[0], stored));
    }

    @Test
    void saltIsRandom() {
        String a = ServicePin.hash("123456".toCharArray());
        String b = ServicePin.hash("123456".toCharArray());
        assertNotEquals(a, b);
        assertTrue(ServicePin.verify("123456".toCharArray(), a));
        assertTrue(ServicePin.verify("123456".toCharArray(), b));
    }

    @Test
    void aKnownHashFromAnotherRunStillVerifies() {
        // pbkdf2$1000$ with salt "hallphone-salt-1" (16 bytes) and PIN 0000, computed independently with
        // python3 -c "import hashlib,base64; print(base64.b64encode(hashlib.pbkdf2_hmac('sha256', b'0000',
        // b'hallphone-salt-1', 1000)).decode())"
        String stored = "pbkdf2$1000$aGFsbHBob25lLXNhbHQtMQ==$" + KNOWN_0000;
        assertTrue(ServicePin.verify("0000".toCharArray(), stored));
        assertFalse(ServicePin.verify("0001".toCharArray(), stored));
    }

    private static final String KNOWN_0000 = "1Q4Ls9OchgyqgINFOifpqdb6VfnUIkd21El4L9uNdz4=";

    @Test
    void malformedStoredValuesNeverMatch() {
        for (String bad : new String[] {"", "pbkdf2", "pbkdf2$x$AAAA$AAAA", "md5$1000$AAAA$AAAA",
            "pbkdf2$1000$not base64!$AAAA", "pbkdf2$0$AAAA$AAAA", "1234", null}) {
            assertFalse(ServicePin.verify("1234".toCharArray(), bad), String.valueOf(bad));
        }
    }

    @Test
    void onlySixToTwelveDigitsAreAccepted() {
        IllegalArgumentException shortPin = assertThrows(IllegalArgumentException.class,
                () -> ServicePin.hash("12345".toCharArray()));
        assertEquals("the PIN must be 6 to 12 digits (0-9)", shortPin.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServicePin.hash("1234".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> ServicePin.hash("1234567890123".toCharArray()));
        IllegalArgumentException letters = assertThrows(IllegalArgumentException.class,
                () -> ServicePin.hash("12a456".toCharArray()));
        assertFalse(letters.getMessage().contains("12a456"), "the message never shows the PIN");
    }
}
