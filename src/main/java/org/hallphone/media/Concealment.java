package org.hallphone.media;

import java.util.Arrays;

/**
 * Packet-loss concealment in the manner of G.711 Appendix I, simplified: a lost frame is replaced by the last
 * pitch period of what was played, repeated, with a gain that falls smoothly from 1 to 0.75 over the first
 * 20 ms and on to silence by 60 ms; the first good frame after concealment is cross-faded with the
 * concealment's continuation over 5 ms. Every gain changes sample by sample, so there are no steps (clicks).
 * Not thread-safe: the jitter buffer owns it.
 */
final class Concealment {

    static final int FRAME = Codec.SAMPLES_PER_PACKET;
    /** Samples (60 ms) after which concealment has faded to silence. */
    static final int FADE_SAMPLES = 3 * FRAME;
    /** Samples (5 ms) of cross-fade from concealment back to real audio. */
    static final int OVERLAP_SAMPLES = 40;
    private static final int HISTORY = 2 * FRAME;
    /** Pitch search range: 20 samples (400 Hz) to 160 samples (50 Hz). */
    private static final int MIN_PITCH = 20;
    private static final int MAX_PITCH = 160;
    private static final int CORRELATION_WINDOW = 80;

    private final short[] history = new short[HISTORY];
    private boolean played;
    private boolean concealing;
    private int concealed;
    private int pitch = FRAME;

    /** Passes a received frame through (cross-fading out of concealment) and remembers it. */
    short[] good(short[] frame) {
        short[] out = frame.clone();
        if (concealing) {
            int overlap = Math.min(OVERLAP_SAMPLES, out.length);
            for (int i = 0; i < overlap; i++) {
                double w = (i + 1) / (double) (overlap + 1);
                out[i] = Pcm.clip(out[i] * w + continuation(concealed + i) * (1 - w));
            }
        }
        concealing = false;
        concealed = 0;
        played = true;
        remember(out);
        return out;
    }

    /** {@code length} samples of concealment (silence once faded). */
    short[] conceal(int length) {
        if (!concealing) {
            concealing = true;
            concealed = 0;
            pitch = findPitch();
        }
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = Pcm.clip(continuation(concealed++));
        }
        return out;
    }

    /** True while concealment would still produce sound: after real audio, until it has faded out. */
    boolean audible() {
        return played && (!concealing || concealed < FADE_SAMPLES);
    }

    /** Forgets everything (a new source after silence). */
    void reset() {
        Arrays.fill(history, (short) 0);
        played = false;
        concealing = false;
        concealed = 0;
    }

    private double continuation(int k) {
        if (k >= FADE_SAMPLES) {
            return 0;
        }
        double gain = k < FRAME ? 1 - 0.25 * k / FRAME : 0.75 * (1 - (k - FRAME) / (double) (FADE_SAMPLES - FRAME));
        return history[HISTORY - pitch + (k % pitch)] * gain;
    }

    private void remember(short[] frame) {
        if (frame.length >= HISTORY) {
            System.arraycopy(frame, frame.length - HISTORY, history, 0, HISTORY);
        } else {
            System.arraycopy(history, frame.length, history, 0, HISTORY - frame.length);
            System.arraycopy(frame, 0, history, HISTORY - frame.length, frame.length);
        }
    }

    /** The lag in [MIN_PITCH, MAX_PITCH] with the best normalised autocorrelation of the last 10 ms. */
    private int findPitch() {
        int start = HISTORY - CORRELATION_WINDOW;
        double bestScore = 0;
        int best = FRAME;
        for (int lag = MIN_PITCH; lag <= MAX_PITCH; lag++) {
            double cross = 0;
            double energy = 0;
            for (int i = start; i < HISTORY; i++) {
                cross += history[i] * (double) history[i - lag];
                energy += history[i - lag] * (double) history[i - lag];
            }
            if (energy > 0) {
                double score = cross / Math.sqrt(energy);
                if (score > bestScore * 1.0001) {
                    bestScore = score;
                    best = lag;
                }
            }
        }
        return best;
    }
}
