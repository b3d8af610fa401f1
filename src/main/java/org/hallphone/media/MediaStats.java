package org.hallphone.media;

/**
 * Quality figures of one RTP session.
 *
 * @param packetsSent     RTP packets sent
 * @param packetsReceived RTP packets received (valid, from the current source)
 * @param packetsLost     packets expected but never received (RFC 3550 A.3)
 * @param packetsLate     packets that arrived too late for the jitter buffer and were dropped
 * @param jitterMillis    interarrival jitter estimate of RFC 3550 §6.4.1, in milliseconds
 * @param packetsRefused  datagrams dropped by SRTP: failed authentication (tampered, forged), replayed, malformed
 */
public record MediaStats(long packetsSent, long packetsReceived, long packetsLost, long packetsLate,
                         double jitterMillis, long packetsRefused) {

    public static final MediaStats NONE = new MediaStats(0, 0, 0, 0, 0, 0);

    /** Figures of a session without SRTP refusals. */
    public MediaStats(long packetsSent, long packetsReceived, long packetsLost, long packetsLate,
                      double jitterMillis) {
        this(packetsSent, packetsReceived, packetsLost, packetsLate, jitterMillis, 0);
    }
}
