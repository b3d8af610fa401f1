package org.hallphone.testing;

/** How well audio that was heard matches what was sent, whatever the delay between them (8 kHz samples). */
public final class Correlation {

    /** The piece of what was heard that is compared: 0.25 s. */
    private static final int PIECE = 2000;
    private static final int SECOND = 8000;

    private Correlation() {
    }

    /**
     * The match of the 0.25 s piece of {@code heard} that starts one second before its sound ends (the silence after
     * the stream is skipped): about 0.999 for a copy through G.711 twice, near 0 for anything else, 0 when nothing
     * was heard.
     */
    public static double best(short[] heard, short[] sent) {
        int end = heard.length;
        while (end > 0 && heard[end - 1] == 0) {
            end--; // the silence after the stream ended
        }
        return end < SECOND ? 0 : at(heard, end - SECOND, sent);
    }

    /**
     * The best normalised correlation of the 0.25 s piece of {@code heard} at {@code from} with any position of
     * {@code sent} (taken as a loop); 0 when the piece is silent.
     */
    public static double at(short[] heard, int from, short[] sent) {
        double heardEnergy = 0;
        for (int i = 0; i < PIECE; i++) {
            heardEnergy += (double) heard[from + i] * heard[from + i];
        }
        if (heardEnergy == 0) {
            return 0;
        }
        double best = 0;
        for (int offset = 0; offset < sent.length; offset++) {
            double dot = 0;
            double sentEnergy = 0;
            for (int i = 0; i < PIECE; i++) {
                short s = sent[(offset + i) % sent.length];
                dot += (double) heard[from + i] * s;
                sentEnergy += (double) s * s;
            }
            best = Math.max(best, dot / Math.sqrt(heardEnergy * sentEnergy));
        }
        return best;
    }
}
