package org.hallphone.media;

import java.util.TreeMap;

/**
 * Adaptive jitter buffer for 20 ms G.711 frames, fed by the receive thread ({@link #put}) and drained by the
 * engine's 20 ms clock ({@link #pull}).
 *
 * <ul>
 * <li>Packets are ordered by extended sequence number (16-bit wrap-around unfolded as in RFC 3550 A.1);
 *     duplicates are dropped; a packet whose turn has passed is <em>late</em>: dropped and counted, and the
 *     target depth grows by one frame (up to the maximum).</li>
 * <li>Playing starts when {@code target} frames are buffered. A missing frame with later ones present is lost:
 *     concealed and skipped. An empty buffer is an underrun: concealed without skipping, which adds one frame
 *     of delay exactly when the network needs it.</li>
 * <li>The delay shrinks slowly: when in a 2 s window the buffer never fell below the target, two frames are
 *     cross-faded into one (no click); the target falls by a frame after 10 s without late packets.</li>
 * <li>A new SSRC, or a sequence jump that cannot be reordering, restarts the buffer; the old sound fades out
 *     through the concealment.</li>
 * </ul>
 * Thread-safe (one lock; both sides hold it for microseconds).
 */
final class JitterBuffer {

    static final int FRAME = Codec.SAMPLES_PER_PACKET;
    private static final int SHRINK_WINDOW_FRAMES = 100;
    private static final int TARGET_DECAY_FRAMES = 500;

    private record Entry(short[] samples, long arrivalNanos) {
    }

    private final int minFrames;
    private final int maxFrames;
    private final TreeMap<Long, Entry> frames = new TreeMap<>();
    private final Concealment concealment = new Concealment();

    private static final short[] EMPTY_FRAME = new short[FRAME];
    /** What is left of a packet longer than 20 ms, from {@code pendingAt}. */
    private short[] pending = EMPTY_FRAME;
    private int pendingAt = FRAME;
    private int target;
    private long source = -1;
    private long highest = Long.MIN_VALUE;
    private boolean playing;
    private long next;
    private int windowCount;
    private int windowMin = Integer.MAX_VALUE;
    private int sinceLate;

    private long late;
    private long duplicates;
    private long lost;
    private long underruns;
    private long overflows;
    private long shrinks;
    private long restarts;
    private long played;
    private double delaySumMillis;

    /** Depths in milliseconds, rounded to whole 20 ms frames (at least one). */
    JitterBuffer(int minMillis, int maxMillis) {
        this.minFrames = Math.max(1, Math.round(minMillis / (float) Codec.PTIME_MS));
        this.maxFrames = Math.max(minFrames, Math.round(maxMillis / (float) Codec.PTIME_MS));
        this.target = minFrames;
    }

    synchronized void put(long ssrc, int sequence, short[] samples) {
        if (ssrc != source) {
            if (source >= 0) {
                restarts++;
                restart();
            }
            source = ssrc;
            highest = Long.MIN_VALUE;
        }
        long ext = highest == Long.MIN_VALUE ? sequence : highest + (short) (sequence - (int) (highest & 0xFFFF));
        if (playing && (ext < next - ReceiveStatistics.MAX_MISORDER || ext >= next + 4L * maxFrames + 50)) {
            // not reordering but a new run of sequence numbers (the sender restarted): start over
            restarts++;
            restart();
            ext = sequence;
            highest = Long.MIN_VALUE;
        }
        if (playing && ext < next) {
            late++;
            sinceLate = 0;
            target = Math.min(maxFrames, target + 1);
            return;
        }
        if (frames.containsKey(ext)) {
            duplicates++;
            return;
        }
        frames.put(ext, new Entry(samples, System.nanoTime()));
        highest = Math.max(highest, ext);
        while (frames.size() > 2 * maxFrames) {
            overflows++;
            long dropped = frames.pollFirstEntry().getKey();
            if (playing && dropped >= next) {
                next = dropped + 1;
            }
        }
    }

    /**
     * The next 20 ms of audio, or null while there is nothing to play (before the first packet, after fading).
     * Packets of other sizes (a far end that ignores our ptime and sends 10 or 30 ms) are cut and joined.
     */
    synchronized short[] pull() {
        if (pendingAt >= pending.length && pending.length == FRAME) {
            short[] frame = nextFrame(); // the usual case: one 20 ms packet per pull, no copying
            if (frame == null || frame.length == FRAME) {
                return frame;
            }
            pending = frame;
            pendingAt = 0;
        }
        short[] out = new short[FRAME];
        int filled = 0;
        while (filled < FRAME) {
            if (pendingAt >= pending.length) {
                short[] next = nextFrame();
                if (next == null) {
                    break;
                }
                pending = next;
                pendingAt = 0;
            }
            int n = Math.min(FRAME - filled, pending.length - pendingAt);
            System.arraycopy(pending, pendingAt, out, filled, n);
            filled += n;
            pendingAt += n;
        }
        if (pendingAt >= pending.length) {
            pending = EMPTY_FRAME; // back to the fast path
            pendingAt = FRAME;
        }
        return filled == 0 ? null : out;
    }

    private short[] nextFrame() {
        if (!playing) {
            if (!frames.isEmpty() && frames.size() >= target) {
                playing = true;
                next = frames.firstKey();
                windowCount = 0;
                windowMin = Integer.MAX_VALUE;
            } else {
                return concealment.audible() ? concealment.conceal(FRAME) : null;
            }
        }
        sinceLate++;
        if (sinceLate >= TARGET_DECAY_FRAMES && target > minFrames) {
            target--;
            sinceLate = 0;
        }
        Entry entry = frames.remove(next);
        if (entry != null) {
            next++;
            return concealment.good(playOut(entry));
        }
        if (!frames.isEmpty()) {
            lost++;
            next++;
            return concealment.conceal(FRAME);
        }
        underruns++;
        if (!concealment.audible()) {
            playing = false; // silence at the far end (or a long outage): fill up to the target again
            return null;
        }
        return concealment.conceal(FRAME);
    }

    private short[] playOut(Entry entry) {
        record(entry);
        windowMin = Math.min(windowMin, frames.size());
        if (++windowCount < SHRINK_WINDOW_FRAMES) {
            return entry.samples();
        }
        boolean excess = windowMin >= target;
        windowCount = 0;
        windowMin = Integer.MAX_VALUE;
        Entry following = excess ? frames.get(next) : null;
        if (following == null || following.samples().length != entry.samples().length) {
            return entry.samples();
        }
        frames.remove(next);
        next++;
        shrinks++;
        record(following);
        short[] a = entry.samples();
        short[] b = following.samples();
        short[] merged = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            double w = i / (double) a.length;
            merged[i] = Pcm.clip(a[i] * (1 - w) + b[i] * w);
        }
        return merged;
    }

    private void record(Entry entry) {
        played++;
        delaySumMillis += (System.nanoTime() - entry.arrivalNanos()) / 1e6;
    }

    private void restart() {
        frames.clear();
        pending = EMPTY_FRAME;
        pendingAt = FRAME;
        playing = false;
        windowCount = 0;
        windowMin = Integer.MAX_VALUE;
    }

    synchronized int targetMillis() {
        return target * Codec.PTIME_MS;
    }

    /** Figures for logs, benchmarks and tests. */
    synchronized Figures figures() {
        return new Figures(late, duplicates, lost, underruns, overflows, shrinks, restarts, played,
                played == 0 ? 0 : delaySumMillis / played, target * Codec.PTIME_MS);
    }

    /**
     * @param meanDelayMillis mean time a played frame waited in the buffer, from arrival to being pulled
     */
    record Figures(long late, long duplicates, long concealed, long underruns, long overflows, long shrinks,
                   long restarts, long played, double meanDelayMillis, int targetMillis) {
    }

    @Override
    public synchronized String toString() {
        return "JitterBuffer[target " + target * Codec.PTIME_MS + " ms, " + frames.size() + " frames buffered]";
    }
}
