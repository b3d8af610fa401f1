package org.hallphone.media;

/**
 * 16-bit PCM helpers: rounding and clipping a computed value to a sample, and little-endian bytes to and from
 * samples with channel duplication and averaging.
 */
final class Pcm {

    private Pcm() {
    }

    /** {@code value} rounded to the nearest 16-bit sample, clipped to its range (no wrap-around). */
    static short clip(double value) {
        long rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    static byte[] toBytes(short[] samples, int channels) {
        byte[] out = new byte[samples.length * 2 * channels];
        int at = 0;
        for (short s : samples) {
            for (int c = 0; c < channels; c++) {
                out[at++] = (byte) s;
                out[at++] = (byte) (s >> 8);
            }
        }
        return out;
    }

    static short[] toSamples(byte[] bytes, int length, int channels) {
        int frames = length / (2 * channels);
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = 2 * (f * channels + c);
                sum += (short) ((bytes[at] & 0xFF) | (bytes[at + 1] << 8));
            }
            out[f] = (short) (sum / channels);
        }
        return out;
    }
}
