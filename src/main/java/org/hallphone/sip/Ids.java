package org.hallphone.sip;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers the terminal puts on the wire, drawn from {@link SecureRandom}: an attacker who saw earlier ones must
 * not be able to guess the next (RFC 3261 §19.3 asks for cryptographically random tags and branches). JAIN-SIP's
 * own generator is a {@code java.util.Random} seeded with the clock, so the terminal sets these itself.
 */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this. */
    static final String BRANCH_COOKIE = "z9hG4bK";

    private Ids() {
    }

    /** From/To tag: 64 random bits in hex. */
    static String tag() {
        return hex(8);
    }

    /** Via branch: the magic cookie and 96 random bits in hex. */
    static String branch() {
        return BRANCH_COOKIE + hex(12);
    }

    /** Call-ID: 128 random bits in hex. */
    static String callId() {
        return hex(16);
    }

    /** The user part of the Contact registered for call-backs: 96 random bits, new for every registration. */
    static String contactUser() {
        return "hp" + hex(12);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
