package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Digest values masked before a SIP message reaches the log. */
class RedactionTest {

    @Test
    void digestValuesAreMaskedInLogs() {
        String masked = Redaction.mask("Authorization: Digest username=\"kiosk1\",realm=\"x\",nonce=\"n\","
                + "response=\"0123456789abcdef0123456789abcdef\",cnonce=\"abc\",nc=00000001");
        assertFalse(masked.contains("0123456789abcdef"), masked);
        assertFalse(masked.contains("\"abc\""), masked);
        assertTrue(masked.contains("username=\"kiosk1\""), masked);
    }
}
