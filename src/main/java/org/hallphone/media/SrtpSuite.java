package org.hallphone.media;

import java.util.Locale;
import java.util.Optional;

/**
 * The SRTP crypto suites the terminal speaks, by their SDES names (RFC 4568 §6.2, RFC 7714 §12). Lengths are in
 * bytes.
 */
public enum SrtpSuite {

    /** AES-128 counter mode, HMAC-SHA1 with an 80-bit tag (RFC 4568 §6.2.1): what every SRTP peer speaks. */
    AES_CM_128_HMAC_SHA1_80(16, 14, 10, 10, false),
    /**
     * As above with a 32-bit tag on SRTP (RFC 4568 §6.2.2). SRTCP keeps the 80-bit tag of RFC 3711 §5.2 when we send;
     * received SRTCP is also accepted with a 32-bit tag, which some implementations (libre, baresip) send.
     */
    AES_CM_128_HMAC_SHA1_32(16, 14, 4, 10, false),
    /** AES-128 in Galois/counter mode with a 128-bit tag (RFC 7714): encryption and authentication in one. */
    AEAD_AES_128_GCM(16, 12, 16, 16, true);

    private final int keyBytes;
    private final int saltBytes;
    private final int rtpTagBytes;
    private final int rtcpTagBytes;
    private final boolean aead;

    SrtpSuite(int keyBytes, int saltBytes, int rtpTagBytes, int rtcpTagBytes, boolean aead) {
        this.keyBytes = keyBytes;
        this.saltBytes = saltBytes;
        this.rtpTagBytes = rtpTagBytes;
        this.rtcpTagBytes = rtcpTagBytes;
        this.aead = aead;
    }

    /** Master key length. */
    public int keyBytes() {
        return keyBytes;
    }

    /** Master salt length (112 bits for AES-CM, 96 bits for GCM). */
    public int saltBytes() {
        return saltBytes;
    }

    int rtpTagBytes() {
        return rtpTagBytes;
    }

    int rtcpTagBytes() {
        return rtcpTagBytes;
    }

    boolean aead() {
        return aead;
    }

    /** The suite's name in an SDP {@code a=crypto} attribute. */
    public String sdesName() {
        return name();
    }

    /** The suite named in an {@code a=crypto} attribute, if the terminal speaks it. */
    public static Optional<SrtpSuite> bySdesName(String name) {
        for (SrtpSuite suite : values()) {
            if (suite.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }
}
