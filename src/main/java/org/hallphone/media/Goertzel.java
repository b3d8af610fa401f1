package org.hallphone.media;

/** Signal measurements for the self-test (and the tests): Goertzel single-frequency power, RMS level. */
final class Goertzel {

    private Goertzel() {
    }

    /** Amplitude (peak, in sample units) of the {@code hz} component of {@code samples[from, from+length)}. */
    static double amplitude(short[] samples, int from, int length, double hz, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + length; i++) {
            double s0 = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / length;
    }

    /** The frequency in [lowHz, highHz] with the largest Goertzel amplitude: a 10 Hz scan, then 0.5 Hz around it. */
    static double dominantFrequency(short[] samples, int from, int length, int rate, double lowHz, double highHz) {
        double best = lowHz;
        double bestAmplitude = -1;
        for (double hz = lowHz; hz <= highHz; hz += 10) {
            double a = amplitude(samples, from, length, hz, rate);
            if (a > bestAmplitude) {
                bestAmplitude = a;
                best = hz;
            }
        }
        double coarse = best;
        for (double hz = coarse - 10; hz <= coarse + 10; hz += 0.5) {
            double a = amplitude(samples, from, length, hz, rate);
            if (a > bestAmplitude) {
                bestAmplitude = a;
                best = hz;
            }
        }
        return best;
    }

    /** RMS level in dBFS, where a full-scale sine is 0 dBFS (AES17); -120 for silence. */
    static double levelDbfs(short[] samples, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += samples[i] * (double) samples[i];
        }
        double rms = Math.sqrt(sum / Math.max(1, length));
        return rms <= 0 ? -120 : 20 * Math.log10(rms * Math.sqrt(2) / 32767);
    }
}
