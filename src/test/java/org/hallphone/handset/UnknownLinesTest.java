package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnknownLinesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final UnknownLines unknown = new UnknownLines("/dev/ttyUSB0", nanos::get);

    @Test
    void eachDistinctLineIsLoggedOnce() {
        assertTrue(unknown.report("BOOT v1"));
        assertFalse(unknown.report("BOOT v1"));
        assertTrue(unknown.report("BOOT v2"));
    }

    @Test
    void atMostTenLinesAMinute() {
        int logged = 0;
        for (int i = 0; i < 30; i++) {
            logged += unknown.report("noise " + i) ? 1 : 0;
        }
        assertEquals(UnknownLines.PER_MINUTE, logged);
        nanos.addAndGet(61_000_000_000L);
        assertTrue(unknown.report("noise after a minute"));
    }

    @Test
    void controlCharactersAreShownAndLongLinesCut() {
        assertEquals("A\\x07B", UnknownLines.printable("A\u0007B"));
        assertEquals("x".repeat(40) + "…", UnknownLines.printable("x".repeat(100)));
    }
}
