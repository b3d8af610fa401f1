package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The "far end is speaking" detector: on after a few loud frames, off only after a pause, never on a click. */
class VoiceActivityTest {

    private static short[] tone(double dbfs) {
        short[] frame = new short[Codec.SAMPLES_PER_PACKET];
        double amplitude = 32767 * Math.pow(10, dbfs / 20);
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return frame;
    }

    private static void feed(VoiceActivity v, short[] frame, int count) {
        for (int i = 0; i < count; i++) {
            v.frame(frame);
        }
    }

    @Test
    void speechLevelTurnsTheSignOnAfterThreeFrames() {
        VoiceActivity v = new VoiceActivity();
        feed(v, tone(-25), VoiceActivity.ON_FRAMES - 1);
        assertFalse(v.speaking(), "a click is not speech");
        v.frame(tone(-25));
        assertTrue(v.speaking());
    }

    @Test
    void shortPausesKeepItOnAndALongOneTurnsItOff() {
        VoiceActivity v = new VoiceActivity();
        feed(v, tone(-25), 10);
        feed(v, new short[Codec.SAMPLES_PER_PACKET], VoiceActivity.HANG_FRAMES - 1);
        assertTrue(v.speaking(), "a pause between words");
        v.frame(new short[Codec.SAMPLES_PER_PACKET]);
        assertFalse(v.speaking());
    }

    @Test
    void lineNoiseBelowTheThresholdNeverTurnsItOn() {
        VoiceActivity v = new VoiceActivity();
        feed(v, tone(-55), 200);
        assertFalse(v.speaking());
    }

    @Test
    void noAudioAtAllTurnsItOffAtOnce() {
        VoiceActivity v = new VoiceActivity();
        feed(v, tone(-20), 10);
        v.silence();
        assertFalse(v.speaking());
    }
}
