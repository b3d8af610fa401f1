package org.hallphone.media;

/** 16-bit little-endian PCM bytes to and from samples, with channel duplication and averaging. */
final class Pcm {

    private Pcm() {
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
