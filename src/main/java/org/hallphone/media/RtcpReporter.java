package org.hallphone.media;

import java.security.SecureRandom;
import java.util.Base64;
import org.hallphone.call.RemoteReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's RTCP (RFC 3550 §6): when to report, what our reports say, and what the far end's say about us.
 * The clock thread asks {@link #due} and builds reports; the RTCP receive thread hands over the far end's
 * compounds. Shared figures are guarded by this object's lock.
 *
 * <p>Interval (§6.2, §6.3.1): with two participants and a 64 kbit/s stream the computed interval is the 5 s
 * minimum; the first report comes after half of it; each interval is randomised over [0.5, 1.5] so that the
 * reports of many terminals do not synchronise. No reconsideration: the group is two members for good.
 *
 * <p>Time: the NTP timestamps (§4) come from the wall clock read once at the start and advanced by
 * {@link System#nanoTime()}, so the round trip (A - LSR - DLSR) is not spoilt by a clock step mid-call.
 */
final class RtcpReporter {

    static final long INTERVAL_NANOS = 5_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(RtcpReporter.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Seconds from 1900 (NTP's era 0) to 1970. */
    private static final long NTP_UNIX_OFFSET_S = 2_208_988_800L;

    /** Our side of the stream, for the sender information. */
    record Sending(long packets, long octets, long rtpTimestamp) {
    }

    /** What we receive from the far end's source {@code ssrc}, for our report block about it. */
    record Receiving(long ssrc, long received, long lost, long highestSequence, long jitterSamples) {
    }

    private final long ssrc;
    private final String cname;
    private final long wallMillisAtStart = System.currentTimeMillis();
    private final long nanosAtStart = System.nanoTime();

    // clock thread only
    private long nextReportNanos = -1;
    private long expectedPrior;
    private long receivedPrior;

    // guarded by this
    private long lastSrMiddle;
    private long lastSrArrivalNanos;
    private RemoteReport remote = RemoteReport.NONE;

    RtcpReporter(long ssrc) {
        this.ssrc = ssrc;
        // RFC 7022 §4.2: a random CNAME per session (96 bits), so the reports carry no user or host name
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        this.cname = Base64.getEncoder().encodeToString(id);
    }

    String cname() {
        return cname;
    }

    /** Clock thread: true when a report is due at {@code nowNanos}; the first call schedules the first report. */
    boolean due(long nowNanos) {
        if (nextReportNanos < 0) {
            nextReportNanos = nowNanos + randomised(INTERVAL_NANOS / 2);
            return false;
        }
        return nowNanos - nextReportNanos >= 0;
    }

    private static long randomised(long interval) {
        return (long) (interval * (0.5 + RANDOM.nextDouble()));
    }

    /** Clock thread: our periodic SR (or RR when we have sent nothing) and SDES; schedules the next one. */
    byte[] report(Sending sending, Receiving receiving, long nowNanos) {
        nextReportNanos = nowNanos + randomised(INTERVAL_NANOS);
        return RtcpPacket.report(ssrc, senderInfo(sending, nowNanos), block(receiving, nowNanos), cname);
    }

    /** Any thread, once: the last report with BYE (§6.6). */
    byte[] bye(Sending sending, Receiving receiving, long nowNanos) {
        return RtcpPacket.bye(ssrc, senderInfo(sending, nowNanos), block(receiving, nowNanos), cname);
    }

    private RtcpPacket.SenderInfo senderInfo(Sending sending, long nowNanos) {
        if (sending.packets() == 0) {
            return null;
        }
        long ntp = ntpFixed(nowNanos);
        return new RtcpPacket.SenderInfo(ntp >>> 32, ntp & 0xFFFFFFFFL, sending.rtpTimestamp(),
                sending.packets() & 0xFFFFFFFFL, sending.octets() & 0xFFFFFFFFL);
    }

    private RtcpPacket.ReportBlock block(Receiving receiving, long nowNanos) {
        if (receiving == null) {
            return null;
        }
        // A.3: the fraction of the packets expected in this interval that were lost
        long expected = receiving.received() + receiving.lost();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = receiving.received() - receivedPrior;
        expectedPrior = expected;
        receivedPrior = receiving.received();
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long lsr;
        long dlsr;
        synchronized (this) {
            lsr = lastSrMiddle;
            dlsr = lsr == 0 ? 0 : (nowNanos - lastSrArrivalNanos) * 65536 / 1_000_000_000L;
        }
        return new RtcpPacket.ReportBlock(receiving.ssrc(), fraction, (int) Math.min(receiving.lost(), 0x7FFFFF),
                receiving.highestSequence(), receiving.jitterSamples(), lsr, dlsr & 0xFFFFFFFFL);
    }

    /** NTP time as 64-bit fixed point (32 bits of seconds since 1900, 32 of fraction). */
    long ntpFixed(long nowNanos) {
        long unixNanos = wallMillisAtStart * 1_000_000L + (nowNanos - nanosAtStart);
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L) + NTP_UNIX_OFFSET_S;
        long fraction = (Math.floorMod(unixNanos, 1_000_000_000L) << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** RTCP receive thread: the far end's compound; its SR times our LSR, its block about us is kept. */
    void onReceived(RtcpPacket.Compound compound, long nowNanos) {
        synchronized (this) {
            for (RtcpPacket.Report report : compound.reports()) {
                if (report.ssrc() == ssrc) {
                    continue; // our own report coming back (an echoing far end): nothing about the far end
                }
                if (report.sender() != null) {
                    lastSrMiddle = report.sender().middle();
                    lastSrArrivalNanos = nowNanos;
                }
                for (RtcpPacket.ReportBlock block : report.blocks()) {
                    if (block.ssrc() == ssrc) {
                        remote = new RemoteReport(remote.reports() + 1, block.fractionLost() / 256.0,
                                block.cumulativeLost(), block.jitter() * 1000.0 / Codec.SAMPLE_RATE,
                                roundTrip(block, nowNanos, remote.roundTripMillis()));
                    }
                }
            }
        }
        if (compound.bye()) {
            LOG.info("RTCP: the far end said BYE");
        }
    }

    private double roundTrip(RtcpPacket.ReportBlock block, long nowNanos, double previous) {
        if (block.lastSr() == 0) {
            return previous;
        }
        long a = (ntpFixed(nowNanos) >>> 16) & 0xFFFFFFFFL; // the middle 32 bits of now
        long rtt = (a - block.lastSr() - block.delaySinceLastSr()) & 0xFFFFFFFFL;
        if (rtt > 60L * 65536) {
            return previous; // negative (a far end's rounding) or absurd: not a measurement
        }
        return rtt * 1000.0 / 65536;
    }

    synchronized RemoteReport remote() {
        return remote;
    }
}
