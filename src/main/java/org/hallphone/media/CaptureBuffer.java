package org.hallphone.media;

import java.util.Arrays;

/**
 * The FIFO between a microphone that delivers audio in blocks of any size at any time and the clock that takes
 * exactly 20 ms every tick. Every sample pushed is either handed out in order or dropped on purpose and counted:
 * <ul>
 *   <li><b>gap</b>: a tick found less than 20 ms buffered after audio had started; a frame of silence goes out
 *       instead and nothing is lost (the samples wait for the next tick), but the buffer then fills up again to
 *       the depth that the source's longest recent pause needs before it plays on (so a source that sends 2 s
 *       every 2 s gets about 2.25 s of depth, and one that sends 10 ms every 10 ms gets 80 ms). Before audio
 *       first plays, a block handed over at once also counts as a pause of its length;</li>
 *   <li><b>overflow</b>: more than {@code capacity} samples waiting (the source runs far ahead, or the clock
 *       thread was held up): the oldest are dropped;</li>
 *   <li><b>trim</b>: over a whole {@link #WINDOW_TICKS window} the buffer never fell below {@link #KEEP} (or an
 *       eighth of the source's pause, if more) plus a frame: the surplus is delay nobody needs (clock drift
 *       between sound card and engine, or the backlog a sound server hands over when a stream starts), and the
 *       oldest samples beyond that are dropped.</li>
 * </ul>
 * Pure logic on 8 kHz samples, not thread-safe (the clock thread owns it).
 */
final class CaptureBuffer {

    static final int FRAME = Codec.SAMPLES_PER_PACKET;
    /** What is kept beyond the longest pause seen: three frames, 60 ms. */
    static final int MARGIN = 3 * FRAME;
    /** The lowest fill that trimming leaves: five frames, 100 ms, for the source's and the clock's irregularity. */
    static final int KEEP = 5 * FRAME;
    /** Ticks over which the lowest fill is watched before surplus delay is trimmed: 4 s, two of a 2 s cadence. */
    static final int WINDOW_TICKS = 200;

    private final short[] ring;
    private int head;
    private int count;
    private boolean playing;
    private boolean started;
    private boolean pushedThisTick;
    private int deliveredThisTick;
    private int largestFirstBlock;
    private boolean backlog;
    private int ticksWithoutData;
    /** Longest pause between two deliveries, in samples, in this window and the one before. */
    private int longestPause;
    private int previousLongestPause;
    private int windowTicks;
    private int windowLowest = Integer.MAX_VALUE;

    private long frames;
    private long gapFrames;
    private long gaps;
    private long overflowSamples;
    private long trimmedSamples;
    private long bufferedSum;

    /** @param capacity the most samples held (the added delay's bound), at least two frames more than the margin */
    CaptureBuffer(int capacity) {
        if (capacity < KEEP + 2 * FRAME) {
            throw new IllegalArgumentException("capture buffer of " + capacity + " samples is too small");
        }
        ring = new short[capacity];
    }

    /**
     * Adds what the source delivered. {@code more} says the source still held audio when it was read (its own
     * buffer was full), so playing should not start on this tick: the rest of the backlog arrives first.
     */
    void push(short[] samples, int length, boolean more) {
        if (length <= 0) {
            return;
        }
        pushedThisTick = true;
        deliveredThisTick += length;
        backlog |= more;
        int from = 0;
        if (length > ring.length) {
            overflowSamples += length - ring.length;
            from = length - ring.length;
        }
        int n = length - from;
        int excess = count + n - ring.length;
        if (excess > 0) {
            discard(excess);
            overflowSamples += excess;
        }
        int tail = (head + count) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(samples, from, ring, tail, first);
        System.arraycopy(samples, from + first, ring, 0, n - first);
        count += n;
    }

    /** Fills {@code frame} with the next 20 ms, or silence (a gap, once audio has started). Once per tick. */
    void pull(short[] frame) {
        notePause();
        frames++;
        bufferedSum += count;
        if (!playing && count >= startDepth() && !backlog) {
            playing = true;
            started = true;
        }
        backlog = false;
        if (playing && count >= FRAME) {
            take(frame);
        } else {
            Arrays.fill(frame, (short) 0);
            if (started) {
                if (playing) {
                    gaps++;
                    playing = false;
                }
                gapFrames++;
            }
        }
        trimSurplus();
    }

    private void notePause() {
        if (pushedThisTick) {
            longestPause = Math.max(longestPause, (ticksWithoutData + 1) * FRAME);
            if (!started) {
                // before the first playing, a block handed over at once says the source will not deliver again
                // before it has played (a sine source's 2 s, or the backlog a sound server hands over at start)
                largestFirstBlock = Math.max(largestFirstBlock, deliveredThisTick);
            }
            ticksWithoutData = 0;
        } else {
            ticksWithoutData++;
        }
        pushedThisTick = false;
        deliveredThisTick = 0;
    }

    private int pause() {
        return Math.max(longestPause, previousLongestPause);
    }

    /**
     * Slack for the source's irregularity: the floor given, or an eighth of its pause (timer-driven sources jitter
     * more).
     */
    private int slack(int floor) {
        return Math.max(floor, pause() / 8);
    }

    /** Depth to reach before playing (again): the longest recent pause between deliveries plus the slack. */
    private int startDepth() {
        int pause = started ? pause() : Math.max(pause(), largestFirstBlock);
        return Math.min(ring.length - FRAME, pause + Math.max(MARGIN, pause / 8));
    }

    private void trimSurplus() {
        if (playing) {
            windowLowest = Math.min(windowLowest, count);
        }
        if (++windowTicks < WINDOW_TICKS) {
            return;
        }
        int keep = slack(KEEP);
        if (playing && windowLowest != Integer.MAX_VALUE && windowLowest > keep + FRAME) {
            int surplus = windowLowest - keep;
            discard(surplus);
            trimmedSamples += surplus;
        }
        previousLongestPause = longestPause;
        longestPause = 0;
        windowTicks = 0;
        windowLowest = Integer.MAX_VALUE;
    }

    private void take(short[] frame) {
        int first = Math.min(FRAME, ring.length - head);
        System.arraycopy(ring, head, frame, 0, first);
        System.arraycopy(ring, 0, frame, first, FRAME - first);
        discard(FRAME);
    }

    private void discard(int n) {
        head = (head + n) % ring.length;
        count -= n;
    }

    /**
     * Forgets the audio held and the pauses learnt (a new device); the counters go on, and so does the gap count
     * until the new device plays.
     */
    void reset() {
        head = 0;
        count = 0;
        playing = false;
        backlog = false;
        ticksWithoutData = 0;
        longestPause = 0;
        previousLongestPause = 0;
        windowTicks = 0;
        windowLowest = Integer.MAX_VALUE;
    }

    /** Samples waiting now. */
    int buffered() {
        return count;
    }

    /** Frames pulled so far. */
    long frames() {
        return frames;
    }

    /** Frames of silence that went out because the source had not delivered in time (after audio started). */
    long gapFrames() {
        return gapFrames;
    }

    /** Times audio stopped for want of samples. */
    long gaps() {
        return gaps;
    }

    /** Samples dropped because the buffer was full. */
    long overflowSamples() {
        return overflowSamples;
    }

    /** Samples dropped to bring surplus delay down. */
    long trimmedSamples() {
        return trimmedSamples;
    }

    /** Sum over pulled frames of the samples waiting at the pull, for a mean delay. */
    long bufferedSum() {
        return bufferedSum;
    }
}
