package org.hallphone.media;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The audio loopback self-test a technician starts from the service screen: play a 1 kHz tone to the earpiece,
 * record the microphone meanwhile, and report what came back: its level, its frequency, how long it took, and
 * whether it came back whole. With the handset's earpiece held to its microphone (or a PulseAudio null sink whose
 * monitor is the capture source) it proves the whole audio path; a capture path that loses blocks (a source that
 * delivers in bursts the terminal cannot keep up with) shows as gaps and fails.
 */
public final class SelfTest {

    public static final double TONE_HZ = 1000;
    public static final double TONE_DBFS = -12;
    /** Playing time of the tone, and the recording's length (the tone may come back up to 1.5 s late). */
    static final int TONE_MS = 3000;
    static final int RECORD_MS = 4500;
    /** Judged: from 100 ms after the tone is first heard, for up to 2 s (while it is still playing). */
    static final int SKIP_MS = 100;
    static final int JUDGE_MS = 2000;
    /** Less than this much judged means the tone came back too late. */
    static final int MIN_JUDGED_MS = 1000;
    /** Passing: the frequency within 2 % of the tone, the level at least -45 dBFS, at most 2 % of it gaps. */
    static final double FREQUENCY_TOLERANCE = 0.02;
    static final double MIN_LEVEL_DBFS = -45;
    static final double MAX_GAP_RATIO = 0.02;
    /** A 20 ms block whose tone is this far below the level of the loudest tenth of the blocks is a gap. */
    static final double GAP_DB = 10;

    private static final int BLOCK = Codec.SAMPLES_PER_PACKET;

    /**
     * @param levelDbfs    RMS level of the tone that came back, dBFS (a full-scale sine is 0)
     * @param frequencyHz  the strongest frequency captured, Hz (0 when nothing was heard)
     * @param gapBlocks    20 ms blocks without the tone while it was playing (a capture path losing audio)
     * @param judgedBlocks 20 ms blocks judged
     * @param latencyMs    from the start of the tone to when it was first heard, ms (-1: never)
     * @param ok           the tone came back at the right frequency, a usable level, and whole (at least 98 %)
     */
    public record Result(double levelDbfs, double frequencyHz, int gapBlocks, int judgedBlocks, int latencyMs,
                         boolean ok) {

        /** One line for the service screen and the log, e.g. "OK: 1000 Hz at -12.1 dBFS, no gaps in 2.0 s". */
        public String describe() {
            if (latencyMs < 0) {
                return "FAILED: the tone was not heard (" + String.format(Locale.ROOT, "%.1f", levelDbfs)
                        + " dBFS at the microphone)";
            }
            String figures = String.format(Locale.ROOT, "%.0f Hz (expected %.0f) at %.1f dBFS, %s in %.1f s, "
                            + "back after %d ms", frequencyHz, TONE_HZ, levelDbfs,
                    gapBlocks == 0 ? "no gaps" : gapBlocks * Codec.PTIME_MS + " ms of gaps",
                    judgedBlocks * Codec.PTIME_MS / 1000.0, latencyMs);
            return (ok ? "OK: " : "FAILED: ") + figures;
        }
    }

    private SelfTest() {
    }

    /** Runs the self-test on a device nobody else is using; blocks for about {@link #RECORD_MS}. */
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

    /**
     * Judges a recording that started with the tone: finds where the tone is first heard, then measures level,
     * frequency and gaps over the following {@link #JUDGE_MS} (cut short where the tone stopped playing).
     */
    static Result analyse(short[] captured) {
        int blocks = captured.length / BLOCK;
        double[] tone = new double[blocks];
        int onset = -1;
        for (int b = 0; b < blocks; b++) {
            double amplitude = Goertzel.amplitude(captured, b * BLOCK, BLOCK, TONE_HZ, Codec.SAMPLE_RATE);
            tone[b] = amplitude <= 0 ? -120 : 20 * Math.log10(amplitude / 32768);
            if (onset < 0 && tone[b] >= MIN_LEVEL_DBFS) {
                onset = b;
            }
        }
        if (onset < 0) {
            double level = captured.length == 0 ? -120 : Goertzel.levelDbfs(captured, 0, captured.length);
            return new Result(Math.max(-120, level), 0, 0, 0, -1, false);
        }
        int from = onset + SKIP_MS / Codec.PTIME_MS;
        int toneEnd = onset + TONE_MS / Codec.PTIME_MS - 2;
        int to = Math.min(Math.min(blocks, toneEnd), from + JUDGE_MS / Codec.PTIME_MS);
        int judged = Math.max(0, to - from);
        int latency = onset * Codec.PTIME_MS;
        if (judged * Codec.PTIME_MS < MIN_JUDGED_MS) {
            return new Result(tone[onset], TONE_HZ, 0, judged, latency, false);
        }
        double[] sorted = Arrays.copyOfRange(tone, from, to);
        Arrays.sort(sorted);
        double reference = sorted[sorted.length * 9 / 10]; // the level the tone has where it came through
        int gaps = 0;
        for (int b = from; b < to; b++) {
            if (tone[b] < reference - GAP_DB) {
                gaps++;
            }
        }
        double level = Goertzel.levelDbfs(captured, from * BLOCK, judged * BLOCK);
        double hz = level < -100 ? 0
                : Goertzel.dominantFrequency(captured, from * BLOCK, judged * BLOCK, Codec.SAMPLE_RATE, 300, 3400);
        boolean ok = level >= MIN_LEVEL_DBFS && Math.abs(hz - TONE_HZ) <= TONE_HZ * FREQUENCY_TOLERANCE
                && gaps <= judged * MAX_GAP_RATIO;
        return new Result(level, hz, gaps, judged, latency, ok);
    }

    /** The self-test's state, driven 20 ms at a time by whoever owns the device (the engine's clock). */
    static final class Run implements LocalSound {

        private final CompletableFuture<Result> result;
        private final ToneSound tone = new ToneSound(
                List.of(new ToneSound.Segment(Codec.SAMPLE_RATE * TONE_MS / 1000, TONE_HZ)), false, TONE_DBFS);
        private final short[] recording = new short[Codec.SAMPLE_RATE * RECORD_MS / 1000];
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

        /** The tone, then silence until the recording is complete. */
        @Override
        public boolean fill(short[] frame) {
            tone.fill(frame);
            return !result.isDone();
        }
    }
}
