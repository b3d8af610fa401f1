package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hallphone.call.Tone;
import org.junit.jupiter.api.Test;

/** Frequency, level and cadence of the generated tones, measured on their samples. */
class ToneTest {

    private static final int BLOCK = 40; // 5 ms analysis blocks

    private static short[] generate(ToneSound tone, int millis) {
        short[] out = new short[millis * 8];
        short[] frame = new short[160];
        for (int at = 0; at < out.length; at += 160) {
            tone.fill(frame);
            System.arraycopy(frame, 0, out, at, Math.min(160, out.length - at));
        }
        return out;
    }

    /** Lengths in ms of alternating on/off runs (first run is "on"), from 5 ms blocks above -40 dBFS. */
    private static List<Integer> cadence(short[] samples) {
        List<Integer> runs = new ArrayList<>();
        boolean on = true;
        int length = 0;
        for (int at = 0; at + BLOCK <= samples.length; at += BLOCK) {
            boolean sounding = Goertzel.levelDbfs(samples, at, BLOCK) > -40;
            if (sounding != on) {
                runs.add(length * BLOCK / 8);
                length = 0;
                on = sounding;
            }
            length++;
        }
        return runs;
    }

    private static void assertRuns(List<Integer> runs, int... expectedMillis) {
        for (int i = 0; i < expectedMillis.length; i++) {
            assertEquals(expectedMillis[i], runs.get(i), 10, "run " + i + " of " + runs);
        }
    }

    private static double maxStep(short[] s) {
        double max = 0;
        for (int i = 1; i < s.length; i++) {
            max = Math.max(max, Math.abs(s[i] - s[i - 1]));
        }
        return max;
    }

    @Test
    void ringbackIs425HzOneSecondOnFourOff() {
        short[] s = generate(ToneSound.of(Tone.RINGBACK, TestAudio.config()), 11_000);
        assertRuns(cadence(s), 1000, 4000, 1000, 4000);
        assertEquals(425, Goertzel.dominantFrequency(s, 800, 6400, 8000, 300, 3400), 1);
        assertEquals(ToneSound.TONE_DBFS, Goertzel.levelDbfs(s, 800, 6400), 0.3);
    }

    @Test
    void busyIs425HzThreeHundredFiftyMillisecondsOnAndOff() {
        short[] s = generate(ToneSound.of(Tone.BUSY, TestAudio.config()), 3000);
        assertRuns(cadence(s), 350, 350, 350, 350, 350, 350, 350);
        assertEquals(425, Goertzel.dominantFrequency(s, 400, 2000, 8000, 300, 3400), 1);
    }

    @Test
    void cadenceAndFrequencyFollowTheConfiguration() {
        var base = TestAudio.config();
        var custom = new org.hallphone.config.AudioConfig(base.playbackDevice(), base.captureDevice(), 0, 0, 400,
                List.of(Duration.ofMillis(400), Duration.ofMillis(200),
                        Duration.ofMillis(400), Duration.ofMillis(2000)),
                base.busyCadence(), null, base.jitterMin(), base.jitterMax());
        short[] s = generate(ToneSound.of(Tone.RINGBACK, custom), 6000);
        assertRuns(cadence(s), 400, 200, 400, 2000, 400, 200, 400);
        assertEquals(400, Goertzel.dominantFrequency(s, 400, 2400, 8000, 300, 3400), 1);
    }

    @Test
    void warningIsThreeShortBeepsThenEnds() {
        ToneSound warning = ToneSound.of(Tone.WARNING, TestAudio.config());
        short[] s = generate(warning, 1500);
        assertRuns(cadence(s), 150, 150, 150, 150, 150);
        assertEquals(-120, Goertzel.levelDbfs(s, 8 * 900, 8 * 500), 0.0, "silent after the third beep");
        assertFalse(warning.fill(new short[160]), "and then it has ended");
    }

    @Test
    void ringIsTwoBurstsOfTwoNotesThenAPause() {
        short[] s = generate(ToneSound.of(Tone.RING, TestAudio.config()), 5400);
        assertTrue(Goertzel.levelDbfs(s, 0, 8 * 1000) > -15, "rings for 1 s");
        double high = Goertzel.amplitude(s, 0, 800, 659.25, 8000);
        double low = Goertzel.amplitude(s, 800, 800, 523.25, 8000);
        assertTrue(high > 3000 && low > 3000, "both notes sound: " + high + ", " + low);
        assertEquals(-120, Goertzel.levelDbfs(s, 8 * 1000, 8 * 400), 0.0, "0.4 s quiet between the bursts");
        assertTrue(Goertzel.levelDbfs(s, 8 * 1400, 8 * 1000) > -15, "rings again for 1 s");
        assertEquals(-120, Goertzel.levelDbfs(s, 8 * 2400, 8 * 2000), 0.0, "2 s quiet after the pair");
        assertTrue(Goertzel.levelDbfs(s, 8 * 4400, 8 * 1000) > -15, "the pattern repeats after 4.4 s");
    }

    @Test
    void tonesNeverClick() {
        for (Tone tone : Tone.values()) {
            short[] s = generate(ToneSound.of(tone, TestAudio.config()), 6000);
            double dbfs = tone == Tone.RING ? ToneSound.RING_DBFS : ToneSound.TONE_DBFS;
            double amplitude = 32767 * Math.pow(10, dbfs / 20);
            double sineStep = amplitude * 2 * Math.PI * (tone == Tone.RING ? 659.25 : 425) / 8000;
            assertTrue(maxStep(s) <= sineStep * 1.05, tone + ": largest step " + maxStep(s) + " vs " + sineStep);
        }
    }
}
