package org.hallphone.media;

import java.util.Arrays;

/**
 * Streaming sample-rate converter: band-limited interpolation with a Kaiser-windowed sinc (16 zero crossings
 * each side, beta 8) whose cut-off is 85 % of the lower of the two Nyquist frequencies, so that 48 kHz or
 * 44.1 kHz down to 8 kHz does not alias and 8 kHz up does not image. The kernel is tabulated at 128 points per
 * zero crossing and interpolated linearly. Output positions are computed exactly from the sample count
 * (no accumulated rounding). Not thread-safe.
 */
final class Resampler {

    private static final int ZERO_CROSSINGS = 16;
    private static final int TABLE_STEPS = 128;
    private static final double KAISER_BETA = 8.0;
    private static final double CUTOFF = 0.85;

    private final int inRate;
    private final int outRate;
    /** Cut-off in cycles per input sample. */
    private final double cutoff;
    /** Half-width of the kernel in input samples. */
    private final double halfWidth;
    /** Kernel values at x = i / (TABLE_STEPS * 2 * cutoff), i = 0..; symmetric. */
    private final double[] table;
    private final double tableScale;

    private double[] input = new double[1024];
    /** Absolute index of input[0]. */
    private long inputBase;
    private int inputCount;
    private long produced;

    Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        this.cutoff = 0.5 * CUTOFF * Math.min(1.0, outRate / (double) inRate);
        this.halfWidth = ZERO_CROSSINGS / (2 * cutoff);
        this.tableScale = TABLE_STEPS * 2 * cutoff;
        int size = (int) Math.ceil(halfWidth * tableScale) + 2;
        this.table = new double[size];
        double i0Beta = besselI0(KAISER_BETA);
        for (int i = 0; i < size; i++) {
            double x = i / tableScale;
            double r = x / halfWidth;
            double window = r >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
            double arg = 2 * cutoff * x;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
            table[i] = 2 * cutoff * sinc * window;
        }
        // history of zeros before the first sample, so the start needs no special case
        inputBase = -(long) Math.ceil(halfWidth) - 1;
        inputCount = (int) -inputBase;
    }

    int inRate() {
        return inRate;
    }

    int outRate() {
        return outRate;
    }

    /** Converts the next piece of the stream; returns what can be computed so far (delay: the kernel's half). */
    short[] process(short[] samples) {
        append(samples);
        return drain();
    }

    /** Pushes the kernel's half-width of silence through, returning the tail of the stream. */
    short[] flush() {
        append(new short[(int) Math.ceil(halfWidth) + 1]);
        return drain();
    }

    private void append(short[] samples) {
        if (inputCount + samples.length > input.length) {
            input = Arrays.copyOf(input, Math.max(input.length * 2, inputCount + samples.length));
        }
        for (int i = 0; i < samples.length; i++) {
            input[inputCount + i] = samples[i];
        }
        inputCount += samples.length;
    }

    private short[] drain() {
        short[] out = new short[estimate()];
        int n = 0;
        long lastAvailable = inputBase + inputCount - 1;
        while (true) {
            double t = produced * (double) inRate / outRate;
            if (t + halfWidth > lastAvailable) {
                break;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2 + 1);
            }
            out[n++] = Pcm.clip(at(t));
            produced++;
        }
        // drop input no output can reach any more
        long keepFrom = (long) Math.floor(produced * (double) inRate / outRate - halfWidth) - 1;
        int drop = (int) Math.max(0, Math.min(inputCount, keepFrom - inputBase));
        if (drop > 0) {
            System.arraycopy(input, drop, input, 0, inputCount - drop);
            inputCount -= drop;
            inputBase += drop;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private int estimate() {
        return (int) ((long) inputCount * outRate / inRate) + 2;
    }

    private double at(double t) {
        long first = (long) Math.ceil(t - halfWidth);
        long last = (long) Math.floor(t + halfWidth);
        double sum = 0;
        for (long k = first; k <= last; k++) {
            double pos = Math.abs(t - k) * tableScale;
            int i = (int) pos;
            double frac = pos - i;
            double h = table[i] + (table[i + 1] - table[i]) * frac;
            sum += input[(int) (k - inputBase)] * h;
        }
        return sum;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for beta ~ 8). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }
}
