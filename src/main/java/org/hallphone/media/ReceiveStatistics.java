package org.hallphone.media;

/**
 * Reception figures of RFC 3550 Appendix A: extended highest sequence number (A.1), cumulative loss (A.3),
 * interarrival jitter (A.8, §6.4.1). A new SSRC or a sequence jump beyond {@link #MAX_DROPOUT} starts a new
 * run; the figures of earlier runs are kept in the totals. Not thread-safe: the receive thread owns it.
 */
final class ReceiveStatistics {

    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;

    private long received;
    private long lostBefore;
    private long baseSeq;
    private long maxSeq = -1;
    private long receivedInRun;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;

    /**
     * @param arrivalSamples the arrival time in units of the RTP clock (8000 per second)
     * @param audio          false for telephone-event packets, which repeat a timestamp and so stay out of jitter
     */
    void onPacket(int sequence, long timestamp, long arrivalSamples, boolean audio) {
        received++;
        if (maxSeq < 0) {
            startRun(sequence);
        } else {
            long delta = (short) (sequence - (int) (maxSeq & 0xFFFF));
            if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
                newRun(sequence);
            } else if (delta > 0) {
                maxSeq += delta;
            }
        }
        receivedInRun++;
        if (audio) {
            long transit = arrivalSamples - timestamp;
            if (haveTransit) {
                // timestamps wrap at 2^32: the difference of two transits is small, so take it modulo 2^32
                long d = Math.abs((int) (transit - lastTransit));
                jitter += (d - jitter) / 16.0;
            }
            lastTransit = transit;
            haveTransit = true;
        }
    }

    /** A new SSRC: the old run's losses are kept, sequence and jitter state restart. */
    void newSource() {
        if (maxSeq >= 0) {
            lostBefore += lostInRun();
        }
        maxSeq = -1;
        haveTransit = false;
    }

    private void newRun(int sequence) {
        lostBefore += lostInRun();
        startRun(sequence);
        haveTransit = false;
    }

    private void startRun(int sequence) {
        baseSeq = sequence;
        maxSeq = sequence;
        receivedInRun = 0;
    }

    private long lostInRun() {
        if (maxSeq < 0) {
            return 0;
        }
        long expected = maxSeq - baseSeq + 1;
        return Math.max(0, expected - receivedInRun); // duplicates may make it negative (A.3): never report that
    }

    long received() {
        return received;
    }

    long lost() {
        return lostBefore + lostInRun();
    }

    /** The extended highest sequence number of the current run (RFC 3550 A.1), 0 before the first packet. */
    long highestSequence() {
        return Math.max(0, maxSeq) & 0xFFFFFFFFL;
    }

    /** RFC 3550 §6.4.1 interarrival jitter in timestamp units, as a reception report carries it. */
    long jitterSamples() {
        return (long) jitter;
    }

    /** RFC 3550 §6.4.1 interarrival jitter, in milliseconds at 8000 samples per second. */
    double jitterMillis() {
        return jitter / (Codec.SAMPLE_RATE / 1000.0);
    }
}
