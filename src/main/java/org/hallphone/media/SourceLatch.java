package org.hallphone.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Strict RTP: decides which source address is the far end (the defence Asterisk's {@code strictrtp} added after
 * RTP Bleed, CVE-2017-14099). Thread-safe (the receive thread asks about each packet, the clock thread where to
 * send, the SIP side re-targets); every method is short.
 *
 * <ul>
 *   <li>Only the two hosts the SIP side named may send: the SDP's connection address and the signalling peer.
 *       Anything else is foreign, at any time, however valid it looks.</li>
 *   <li>Valid RTP (version 2, a negotiated payload type) from exactly the SDP's address and port is accepted at
 *       once: that is where the far end said it would be.</li>
 *   <li>Another port of those hosts (a far end behind NAT) is followed only after {@link #PROBATION} consecutive
 *       packets of one SSRC with consecutive sequence numbers, and only while the learning window is open: from
 *       the SDP (re-)target until {@link #WINDOW_NANOS} after the first valid packet.</li>
 *   <li>A candidate that sends one invalid packet is barred for the rest of the call; the SDP's own address is
 *       never barred (its junk is only dropped).</li>
 *   <li>Until a source is accepted, and whenever the accepted source is the SDP's, packets go to the SDP's address:
 *       a source still on probation is never sent to.</li>
 * </ul>
 */
final class SourceLatch {

    /** Consecutive packets a new source must send before it is followed (Asterisk's probation is 4 too). */
    static final int PROBATION = 4;
    /** How long after the far end's first valid packet a new source may still be learnt. */
    static final long WINDOW_NANOS = 2_000_000_000L;
    private static final int MAX_CANDIDATES = 16;
    private static final int MAX_BARRED = 64;

    enum Verdict {
        /** From the accepted source: play it. */
        ACCEPT,
        /** From a host of the far end, still proving itself: dropped, not counted. */
        PROBATION,
        /** From a stranger, a barred source, or a new source after the window: dropped and counted. */
        FOREIGN,
        /** Not valid RTP, from the far end's hosts: dropped and counted. */
        INVALID
    }

    private record Candidate(long ssrc, int lastSequence, int run) {
    }

    private InetSocketAddress announced;
    private Set<InetAddress> hosts = Set.of();
    private InetSocketAddress accepted;
    private long windowStart = -1;
    private final Map<InetSocketAddress, Candidate> candidates = new HashMap<>();
    private final Set<InetSocketAddress> barred = new LinkedHashSet<>();
    private long foreign;
    private long invalid;

    /**
     * The far end's SDP named {@code sdp}; its signalling came from {@code signallingPeer} (nullable). The same
     * target again (a 200 after a 183 with the same SDP) changes nothing; a new one starts learning afresh.
     *
     * @return true when the target changed
     */
    synchronized boolean expect(InetSocketAddress sdp, InetAddress signallingPeer) {
        Objects.requireNonNull(sdp, "sdp");
        Set<InetAddress> newHosts = new LinkedHashSet<>();
        newHosts.add(sdp.getAddress());
        if (signallingPeer != null) {
            newHosts.add(signallingPeer);
        }
        if (sdp.equals(announced) && newHosts.equals(hosts)) {
            return false;
        }
        announced = sdp;
        hosts = Set.copyOf(newHosts);
        accepted = null;
        windowStart = -1;
        candidates.clear();
        return true;
    }

    /**
     * The cheap first look, before a packet is decrypted or parsed: false (and counted as foreign) for a stranger
     * or a barred source.
     */
    synchronized boolean admits(InetSocketAddress from) {
        if (announced == null || !hosts.contains(from.getAddress()) || barred.contains(from)) {
            foreign++;
            return false;
        }
        return true;
    }

    /**
     * A packet that {@link #admits passed the first look}.
     *
     * @param valid    version 2 and a negotiated payload type
     * @param ssrc     its SSRC (ignored when not valid)
     * @param sequence its sequence number (ignored when not valid)
     */
    synchronized Verdict onPacket(InetSocketAddress from, boolean valid, long ssrc, int sequence, long nowNanos) {
        if (!valid) {
            invalid++;
            if (!from.equals(accepted) && !from.equals(announced)) {
                bar(from);
            }
            return Verdict.INVALID;
        }
        if (from.equals(accepted)) {
            return Verdict.ACCEPT;
        }
        if (accepted == null && from.equals(announced)) {
            accepted = from;
            openWindow(nowNanos);
            return Verdict.ACCEPT;
        }
        if (windowStart >= 0 && nowNanos - windowStart > WINDOW_NANOS) {
            foreign++;
            return Verdict.FOREIGN;
        }
        openWindow(nowNanos);
        Candidate c = candidates.get(from);
        if (c == null || c.ssrc() != ssrc || ((c.lastSequence() + 1) & 0xFFFF) != sequence) {
            if (c == null && candidates.size() >= MAX_CANDIDATES) {
                candidates.clear();
            }
            c = new Candidate(ssrc, sequence, 1);
        } else {
            c = new Candidate(ssrc, sequence, c.run() + 1);
        }
        if (c.run() >= PROBATION) {
            accepted = from;
            candidates.clear();
            return Verdict.ACCEPT;
        }
        candidates.put(from, c);
        return Verdict.PROBATION;
    }

    private void openWindow(long nowNanos) {
        if (windowStart < 0) {
            windowStart = nowNanos;
        }
    }

    private void bar(InetSocketAddress from) {
        candidates.remove(from);
        if (barred.size() >= MAX_BARRED) {
            barred.remove(barred.iterator().next());
        }
        barred.add(from);
    }

    /** Where our packets go: the accepted source, or the SDP's address while none is. Null before the first target. */
    synchronized InetSocketAddress sendTo() {
        return accepted != null ? accepted : announced;
    }

    /** The accepted source, or null. */
    synchronized InetSocketAddress accepted() {
        return accepted;
    }

    /** The SDP's address, or null before the first target. */
    synchronized InetSocketAddress announced() {
        return announced;
    }

    /**
     * True when RTCP from {@code from} may be the far end's: the host of the accepted RTP source or of the SDP
     * (RTCP's port is its own, and behind NAT another one than RTP + 1). With rtcp-mux, only those exact addresses.
     */
    synchronized boolean isFarEndRtcp(InetSocketAddress from, boolean mux) {
        if (announced == null || barred.contains(from)) {
            return false;
        }
        if (mux) {
            return from.equals(accepted) || from.equals(announced);
        }
        return from.getAddress().equals(announced.getAddress())
                || accepted != null && from.getAddress().equals(accepted.getAddress());
    }

    /** Counts one foreign packet that was judged elsewhere (RTCP from a stranger). */
    synchronized void countForeign() {
        foreign++;
    }

    /** Counts one invalid packet that was judged elsewhere (malformed RTCP from the far end). */
    synchronized void countInvalid() {
        invalid++;
    }

    synchronized long foreign() {
        return foreign;
    }

    synchronized long invalid() {
        return invalid;
    }
}
