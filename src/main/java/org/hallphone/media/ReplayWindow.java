package org.hallphone.media;

/**
 * One SRTP or SRTCP stream's receive state (RFC 3711 §3.3.1-§3.3.2): the highest packet index accepted and a bit map
 * of the {@link #SIZE} indexes below it, so that each packet is accepted at most once; and, sending SRTCP, the next
 * index to use. Guarded by the owning context's lock.
 */
final class ReplayWindow {

    /** Packets behind the highest index still accepted once (RFC 3711 §3.3.2 asks for at least 64). */
    static final int SIZE = 64;

    private boolean started;
    private long highest;
    private long seen;
    private int nextRtcpIndex;

    /**
     * The 48-bit packet index of a sequence number (RFC 3711 §3.3.1, Appendix A): the roll-over counter guessed from
     * the highest index seen so far; -1 for a packet from before the first roll-over counter.
     */
    static long estimateIndex(boolean started, long highest, int seq) {
        if (!started) {
            return seq;
        }
        long roc = highest >>> 16;
        int last = (int) (highest & 0xFFFF);
        long v;
        if (last < 0x8000) {
            v = seq - last > 0x8000 ? roc - 1 : roc;
        } else {
            v = last - 0x8000 > seq ? roc + 1 : roc;
        }
        return v < 0 ? -1 : (v << 16) | seq;
    }

    /** The packet index of an SRTP sequence number for this stream; -1 when it cannot be one. */
    long estimate(int seq) {
        return estimateIndex(started, highest, seq);
    }

    /** Sending SRTP: the index was used; it becomes the highest when it is. */
    void sent(long index) {
        if (!started || index > highest) {
            started = true;
            highest = index;
        }
    }

    /** Sending SRTCP: the next 31-bit index. */
    int nextRtcpIndex() {
        int index = nextRtcpIndex;
        nextRtcpIndex = (index + 1) & 0x7FFFFFFF;
        return index;
    }

    /** True for an index accepted before or too far behind the highest. */
    boolean replayed(long index) {
        if (!started) {
            return false;
        }
        long delta = index - highest;
        if (delta > 0) {
            return false;
        }
        return -delta >= SIZE || (seen & (1L << -delta)) != 0;
    }

    /** Marks a received index as accepted (only after it authenticated). */
    void accept(long index) {
        if (!started) {
            started = true;
            highest = index;
            seen = 1;
            return;
        }
        long delta = index - highest;
        if (delta > 0) {
            seen = delta >= SIZE ? 1 : (seen << delta) | 1;
            highest = index;
        } else {
            seen |= 1L << -delta;
        }
    }
}
