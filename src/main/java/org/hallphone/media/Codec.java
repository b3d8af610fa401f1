package org.hallphone.media;

/** The G.711 codecs the terminal offers, with their static RTP payload types (RFC 3551 §6). */
public enum Codec {
    PCMU(0, "PCMU"),
    PCMA(8, "PCMA");

    /** Samples per second of G.711 and of the terminal's whole audio path. */
    public static final int SAMPLE_RATE = 8000;
    /** Milliseconds of audio per RTP packet (the SDP {@code ptime} the terminal offers). */
    public static final int PTIME_MS = 20;
    /** Samples (and G.711 bytes) per packet. */
    public static final int SAMPLES_PER_PACKET = SAMPLE_RATE * PTIME_MS / 1000;

    private final int payloadType;
    private final String encodingName;

    Codec(int payloadType, String encodingName) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The SDP {@code a=rtpmap} encoding name. */
    public String encodingName() {
        return encodingName;
    }

    public static Codec forPayloadType(int pt) {
        for (Codec c : values()) {
            if (c.payloadType == pt) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a G.711 payload type: " + pt);
    }
}
