package org.hallphone.call;

/**
 * Quality figures of one RTP session.
 *
 * @param packetsSent     RTP packets sent
 * @param packetsReceived RTP packets received (valid, from the current source)
 * @param packetsLost     packets expected but never received (RFC 3550 A.3)
 * @param packetsLate     packets that arrived too late for the jitter buffer and were dropped
 * @param jitterMillis    interarrival jitter estimate of RFC 3550 §6.4.1, in milliseconds
 * @param packetsForeign  RTP and RTCP packets dropped because they came from anyone but the far end (strict RTP)
 * @param packetsInvalid  packets from the far end's hosts that were not valid RTP/RTCP or of no negotiated type
 *                        (SRTP refusals included)
 * @param packetsRefused  of those, the RTP and RTCP packets dropped by SRTP/SRTCP: failed authentication (tampered,
 *                        forged), replayed, malformed
 * @param remote          what the far end's RTCP reports say about the terminal's stream
 */
public record MediaStats(long packetsSent, long packetsReceived, long packetsLost, long packetsLate,
                         double jitterMillis, long packetsForeign, long packetsInvalid, long packetsRefused,
                         RemoteReport remote) {

    public static final MediaStats NONE = new MediaStats(0, 0, 0, 0, 0);

    public MediaStats {
        remote = remote == null ? RemoteReport.NONE : remote;
    }

    /** Figures without strict-RTP counts, SRTP or RTCP (a session that has none). */
    public MediaStats(long packetsSent, long packetsReceived, long packetsLost, long packetsLate,
                      double jitterMillis) {
        this(packetsSent, packetsReceived, packetsLost, packetsLate, jitterMillis, 0, 0, 0, RemoteReport.NONE);
    }

    /** Figures of a plain RTP session with strict-RTP counts and RTCP. */
    public MediaStats(long packetsSent, long packetsReceived, long packetsLost, long packetsLate,
                      double jitterMillis, long packetsForeign, long packetsInvalid, RemoteReport remote) {
        this(packetsSent, packetsReceived, packetsLost, packetsLate, jitterMillis, packetsForeign, packetsInvalid, 0,
                remote);
    }

    /** Figures with SRTP refusals only. */
    public MediaStats(long packetsSent, long packetsReceived, long packetsLost, long packetsLate,
                      double jitterMillis, long packetsRefused) {
        this(packetsSent, packetsReceived, packetsLost, packetsLate, jitterMillis, 0, packetsRefused, packetsRefused,
                RemoteReport.NONE);
    }
}
