package org.hallphone.media;

/** How well what was heard matches what was sent, whatever the delay between them. */
final class Correlation {

    private Correlation() {
    }

    /**
     * The best normalised correlation of a 0.25 s piece of {@code heard} (from its last second of sound) with any
     * position of {@code sent} (taken as a loop): about 0.999 for a copy through G.711 twice, near 0 for anything
     * else, 0 when nothing was heard.
     */
    static double best(short[] heard, short[] sent) {
        int piece = 2000;
        int end = heard.length;
        while (end > 0 && heard[end - 1] == 0) {
            end--; // the silence after the stream ended
        }
        int from = end - 8000;
        if (from < 0) {
            return 0;
        }
        double heardEnergy = 0;
        for (int i = 0; i < piece; i++) {
            heardEnergy += (double) heard[from + i] * heard[from + i];
        }
        if (heardEnergy == 0) {
            return 0;
        }
        double best = 0;
        for (int offset = 0; offset < sent.length; offset++) {
            double dot = 0;
            double sentEnergy = 0;
            for (int i = 0; i < piece; i++) {
                short s = sent[(offset + i) % sent.length];
                dot += (double) heard[from + i] * s;
                sentEnergy += (double) s * s;
            }
            best = Math.max(best, dot / Math.sqrt(heardEnergy * sentEnergy));
        }
        return best;
    }
}
