package org.hallphone.media;

import org.hallphone.config.AudioConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gains the engine applies: the earpiece's (the configured default moved by the patient's volume steps), the
 * microphone's and the ring device's. Written by the call flow's thread, read by the clock thread (volatile).
 */
final class Volume {

    private static final Logger LOG = LoggerFactory.getLogger(Volume.class);

    private final AudioConfig audio;
    private final double ringGain;
    private volatile int steps;
    private volatile double playbackGain;
    private volatile double captureGain;

    Volume(AudioConfig audio) {
        this.audio = audio;
        this.ringGain = linear(audio.ringGainDb());
        reset();
    }

    /** Back to the configured gains (a new call). */
    void reset() {
        steps = 0;
        playbackGain = linear(audio.playbackGainDb());
        captureGain = linear(audio.captureGainDb());
    }

    /** Moves the earpiece by {@code by} steps of {@link MediaEngine#VOLUME_STEP_DB}, within the bounds. */
    void adjust(int by) {
        int now = Math.max(-MediaEngine.MAX_VOLUME_STEPS, Math.min(MediaEngine.MAX_VOLUME_STEPS, steps + by));
        steps = now;
        double db = playbackGainDb();
        playbackGain = linear(db);
        LOG.info("Earpiece volume {} dB ({} steps from the default)", db, now);
    }

    int steps() {
        return steps;
    }

    double playbackGainDb() {
        return audio.playbackGainDb() + steps * MediaEngine.VOLUME_STEP_DB;
    }

    double playbackGain() {
        return playbackGain;
    }

    double captureGain() {
        return captureGain;
    }

    double ringGain() {
        return ringGain;
    }

    /** Applies {@code gain} to the frame in place, clipping. */
    static void apply(short[] frame, double gain) {
        if (gain == 1.0) {
            return;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = Pcm.clip(frame[i] * gain);
        }
    }

    private static double linear(double db) {
        return Math.pow(10, db / 20);
    }
}
