package org.hallphone.call;

/**
 * What the far end's RTCP reports (RFC 3550 §6.4) say about the terminal's stream: the figures of the latest report
 * block about it.
 *
 * @param reports         report blocks about the terminal's stream read from the far end's SR/RR
 * @param fractionLost    the share of our packets lost in the far end's last interval, 0..1
 * @param cumulativeLost  our packets the far end has missed since the start
 * @param jitterMillis    the far end's interarrival jitter of our stream, in milliseconds
 * @param roundTripMillis the round trip from LSR/DLSR (§6.4.1), in milliseconds; NaN until one was measured
 */
public record RemoteReport(long reports, double fractionLost, long cumulativeLost, double jitterMillis,
                           double roundTripMillis) {

    public static final RemoteReport NONE = new RemoteReport(0, 0, 0, 0, Double.NaN);
}
