package org.hallphone.sip;

import java.util.regex.Pattern;

/**
 * Masks credentials in SIP text before it reaches a log. The password itself never goes into a message (digest
 * authentication, RFC 3261 §22), but the digest {@code response} and {@code cnonce} of an Authorization header
 * are still masked so that logs can be shared freely. So are the SRTP master keys of SDES ({@code a=crypto}).
 */
final class Redaction {

    private static final Pattern DIGEST_VALUES =
            Pattern.compile("(?i)\\b(response|cnonce)\\s*=\\s*(\"[^\"]*\"|[^,\\s]+)");
    /** SDES keys in SDP (RFC 4568 §6.1: {@code inline:<base64 key and salt>[|lifetime][|MKI:length]}). */
    private static final Pattern SDES_KEYS = Pattern.compile("(?i)\\b(inline:)[^\\s|;]+");

    private Redaction() {
    }

    static String mask(String text) {
        if (text == null) {
            return "";
        }
        return SDES_KEYS.matcher(DIGEST_VALUES.matcher(text).replaceAll("$1=\"***\"")).replaceAll("$1***");
    }
}
