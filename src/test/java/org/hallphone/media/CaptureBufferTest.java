package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The capture buffer against the delivery patterns of the field: every sample pushed comes out in order or is
 * counted as dropped, and a change in the source's pauses costs one re-fill (at most two of its pauses).
 */
class CaptureBufferTest {

    private static final int FRAME = CaptureBuffer.FRAME;

    /** Feeds a numbered ramp (sample i has value i mod 30000) and checks order and accounting. */
    private static final class Run {
        final CaptureBuffer buffer;
        int nextIn;
        int nextOut = -1;
        long out;
        long silentFrames;
        long disorder;

        Run(int capacity) {
            buffer = new CaptureBuffer(capacity);
        }

        void push(int samples, boolean more) {
            short[] block = new short[samples];
            for (int i = 0; i < samples; i++) {
                block[i] = (short) (1 + nextIn++ % 30000);
            }
            buffer.push(block, samples, more);
        }

        void tick() {
            short[] frame = new short[FRAME];
            buffer.pull(frame);
            if (frame[0] == 0) {
                silentFrames++;
                return;
            }
            for (short s : frame) {
                // later than the one before (samples may be dropped on purpose, never repeated or reordered)
                boolean wrapped = s < nextOut - 15000;
                if (nextOut >= 0 && s <= nextOut && !wrapped) {
                    disorder++;
                }
                nextOut = s;
                out++;
            }
        }

        long dropped() {
            return buffer.overflowSamples() + buffer.trimmedSamples();
        }
    }

    @Test
    void aSmoothSourcePlaysWithoutGapsAndLittleDelay() {
        Run run = new Run(24000);
        for (int tick = 0; tick < 3000; tick++) {
            run.push(FRAME, false);
            run.tick();
        }
        assertEquals(0, run.buffer.gapFrames());
        assertEquals(0, run.dropped());
        assertEquals(0, run.disorder);
        assertTrue(run.buffer.bufferedSum() / run.buffer.frames() <= 5 * FRAME, "mean delay under 100 ms");
    }

    @Test
    void aSourceThatSendsTwoSecondsEveryTwoSecondsLosesNothingAfterOneRefill() {
        // PulseAudio's module-sine-source: 2 s of audio arrive 200 ms at a time over 10 ticks, then 1.8 s of nothing
        Run run = new Run(40000);
        for (int tick = 0; tick < 3000; tick++) {
            if (tick % 100 < 10) {
                run.push(1600, tick % 100 < 9);
            }
            run.tick();
        }
        assertEquals(0, run.buffer.gapFrames(), "the backlog is drained before playing starts");
        assertEquals(0, run.buffer.overflowSamples());
        assertEquals(0, run.disorder);
        assertEquals(run.nextIn, run.out + run.buffer.buffered() + run.dropped(), "every sample accounted for");
        assertTrue(run.buffer.bufferedSum() / run.buffer.frames() < 2400 * 8, "mean delay under 2.4 s");
    }

    @Test
    void aSourceThatHandsOverTwoSecondsAtOnceWithJitterLosesNothing() {
        // the same source when the whole block is read in one tick, arriving up to 100 ms early or late
        Run run = new Run(40000);
        Random random = new Random(14);
        int block = 0;
        int next = 0;
        for (int tick = 0; tick < 6000; tick++) {
            if (tick == next) {
                run.push(16000, false);
                block++;
                next = 100 * block + random.nextInt(11) - 5; // a timer's schedule: jitter, no wander
            }
            run.tick();
        }
        assertEquals(0, run.buffer.gapFrames(), "the first block is held until the second has come");
        assertEquals(0, run.buffer.overflowSamples());
        assertEquals(0, run.disorder);
        assertEquals(run.nextIn, run.out + run.buffer.buffered() + run.dropped());
    }

    @Test
    void aSourceWhosePausesGrowRefillsOnceAndThenPlaysOn() {
        // 20 ms blocks for 10 s, then 500 ms every 500 ms (a USB device changing its period)
        Run run = new Run(24000);
        for (int tick = 0; tick < 500; tick++) {
            run.push(FRAME, false);
            run.tick();
        }
        for (int tick = 0; tick < 2000; tick++) {
            if (tick % 25 == 24) {
                run.push(25 * FRAME, false);
            }
            run.tick();
        }
        assertEquals(1, run.buffer.gaps(), "one stop, when the pauses first grew");
        assertTrue(run.buffer.gapFrames() <= 50, "refilled within two pauses: " + run.buffer.gapFrames());
        assertEquals(0, run.disorder);
        assertEquals(run.nextIn, run.out + run.buffer.buffered() + run.dropped());
    }

    @Test
    void aSourceRunningFastIsTrimmedAndCounted() {
        // the sound card's clock 1 % fast: 162 samples per tick
        Run run = new Run(24000);
        for (int tick = 0; tick < 5000; tick++) {
            run.push(FRAME + 2, false);
            run.tick();
        }
        assertEquals(0, run.buffer.gapFrames());
        assertTrue(run.buffer.trimmedSamples() > 0);
        assertEquals(0, run.buffer.overflowSamples(), "trimmed long before the bound");
        assertEquals(run.nextIn, run.out + run.buffer.buffered() + run.dropped());
        assertTrue(run.buffer.buffered() < 2 * CaptureBuffer.KEEP + 3 * FRAME, "delay stays small");
    }

    @Test
    void moreThanTheBoundIsDroppedOldestFirstAndCounted() {
        Run run = new Run(4000);
        run.push(10000, false);
        assertEquals(6000, run.buffer.overflowSamples());
        assertEquals(4000, run.buffer.buffered());
        short[] frame = new short[FRAME];
        run.buffer.pull(frame);
        assertEquals(6001, frame[0], "the newest 4000 samples were kept");
    }

    @Test
    void aSlowSourceMakesGapsOfSilenceNotLostAudio() {
        // 1 % slow: 158 samples per tick
        Run run = new Run(24000);
        for (int tick = 0; tick < 5000; tick++) {
            run.push(FRAME - 2, false);
            run.tick();
        }
        assertEquals(0, run.dropped(), "nothing thrown away");
        assertTrue(run.buffer.gapFrames() > 0 && run.buffer.gapFrames() < 100, "gaps " + run.buffer.gapFrames());
        assertEquals(0, run.disorder);
        assertEquals(run.nextIn, run.out + run.buffer.buffered());
    }
}
