package org.hallphone.media;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The audio loopback self-test a technician starts from the service screen: play a 1 kHz tone, record the
 * microphone meanwhile, and report the level and frequency heard. With the handset's earpiece held to its
 * microphone (or a PulseAudio null sink whose monitor is the capture source) it proves the whole audio path.
 */
public final class SelfTest {

    public static final double TONE_HZ = 1000;
    public static final double TONE_DBFS = -12;
    /** Playing time, and the start of the recording that is ignored (device latency). */
    static final int DURATION_MS = 2000;
    static final int SETTLE_MS = 1000;
    /** Passing: the frequency within 2 % of the tone, the level at least -45 dBFS. */
    static final double FREQUENCY_TOLERANCE = 0.02;
    static final double MIN_LEVEL_DBFS = -45;

    /**
     * @param levelDbfs   RMS level of what was captured, dBFS (a full-scale sine is 0 dBFS)
     * @param frequencyHz the strongest frequency captured, Hz (0 when nothing was heard)
     * @param ok          the tone came back at the right frequency and a usable level
     */
    public record Result(double levelDbfs, double frequencyHz, boolean ok) {
    }

    private SelfTest() {
    }

    /** Runs the self-test on a device nobody else is using; blocks for about 2 s. */
    public static Result run(AudioDevice device) {
        Run run = new Run(new CompletableFuture<>());
        short[] frame = new short[AudioDevice.FRAME_SAMPLES];
        long next = System.nanoTime();
        while (!run.result.isDone()) {
            device.capture(frame);
            run.captured(frame);
            run.fill(frame);
            device.play(frame.clone());
            next += TimeUnit.MILLISECONDS.toNanos(Codec.PTIME_MS);
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
        return run.result.join();
    }

    /** Judges a recording: level and dominant frequency (300-3400 Hz) after the settling time. */
    static Result analyse(short[] captured) {
        int from = Math.min(captured.length, Codec.SAMPLE_RATE * SETTLE_MS / 1000);
        int length = captured.length - from;
        if (length < Codec.SAMPLE_RATE / 10) {
            return new Result(-120, 0, false);
        }
        double level = Goertzel.levelDbfs(captured, from, length);
        double hz = level < -100 ? 0 : Goertzel.dominantFrequency(captured, from, length, Codec.SAMPLE_RATE, 300, 3400);
        boolean ok = level >= MIN_LEVEL_DBFS && Math.abs(hz - TONE_HZ) <= TONE_HZ * FREQUENCY_TOLERANCE;
        return new Result(level, hz, ok);
    }

    /** The self-test's state, driven 20 ms at a time by whoever owns the device (the engine's clock). */
    static final class Run implements LocalSound {

        private final CompletableFuture<Result> result;
        private final ToneSound tone = new ToneSound(
                java.util.List.of(new ToneSound.Segment(Codec.SAMPLE_RATE * DURATION_MS / 1000, TONE_HZ)),
                false, TONE_DBFS);
        private final short[] recording = new short[Codec.SAMPLE_RATE * DURATION_MS / 1000];
        private int recorded;

        Run(CompletableFuture<Result> result) {
            this.result = result;
        }

        void captured(short[] frame) {
            int n = Math.min(frame.length, recording.length - recorded);
            System.arraycopy(frame, 0, recording, recorded, n);
            recorded += n;
            if (recorded == recording.length && !result.isDone()) {
                result.complete(analyse(Arrays.copyOf(recording, recorded)));
            }
        }

        @Override
        public boolean fill(short[] frame) {
            return tone.fill(frame) && !result.isDone();
        }
    }
}
