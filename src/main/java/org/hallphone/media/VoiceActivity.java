package org.hallphone.media;

/**
 * Tells from the far end's audio, 20 ms frame by frame, whether someone is speaking, for the "representative is
 * speaking" sign of a patient who cannot hear well. A frame counts as voice when its RMS level is at least
 * {@link #ON_DBFS}; the sign goes on after {@link #ON_FRAMES} such frames in a row (a click does not light it) and
 * goes off only after {@link #HANG_FRAMES} frames below {@link #OFF_DBFS} (the pauses between words do not make
 * it flicker). Confined to the media clock thread, except {@link #speaking()}.
 */
final class VoiceActivity {

    /** A frame at least this loud (RMS, dB full scale) is voice; speech over G.711 is typically -35 to -15. */
    static final double ON_DBFS = -42;
    /** Below this a frame is quiet (between words, the far end's line noise). */
    static final double OFF_DBFS = -48;
    /** Voice frames in a row that turn the sign on: 60 ms. */
    static final int ON_FRAMES = 3;
    /** Quiet frames in a row that turn it off: 700 ms. */
    static final int HANG_FRAMES = 35;

    private int loud;
    private int quiet;
    private volatile boolean speaking;

    /** Takes the next 20 ms of the far end's audio (before the earpiece gain and any local tone). */
    void frame(short[] samples) {
        double level = Goertzel.levelDbfs(samples, 0, samples.length);
        if (level >= ON_DBFS) {
            loud++;
            quiet = 0;
            if (loud >= ON_FRAMES) {
                speaking = true;
            }
        } else {
            loud = 0;
            if (level < OFF_DBFS) {
                quiet++;
            }
            if (quiet >= HANG_FRAMES) {
                speaking = false;
            }
        }
    }

    /** No far-end audio at all (no call): off at once. */
    void silence() {
        loud = 0;
        quiet = HANG_FRAMES;
        speaking = false;
    }

    /** Safe from any thread. */
    boolean speaking() {
        return speaking;
    }
}
