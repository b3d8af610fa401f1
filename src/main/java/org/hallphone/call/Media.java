package org.hallphone.call;

import java.util.Locale;

/**
 * The {@code media} column: how the call's voice travelled. {@code srtp}: encrypted and authenticated (RFC 3711);
 * {@code rtp}: plain. Empty for a call that never had media.
 */
public enum Media {
    RTP, SRTP;

    public String csv() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Media fromCsv(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
