package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rate converter measured by spectrum: pass band kept, aliases and images suppressed, no artefacts. */
class ResamplerTest {

    private static short[] convert(int in, int out, short[] samples, int chunk) {
        Resampler resampler = new Resampler(in, out);
        List<short[]> parts = new ArrayList<>();
        for (int at = 0; at < samples.length; at += chunk) {
            int end = Math.min(samples.length, at + chunk);
            parts.add(resampler.process(Arrays.copyOfRange(samples, at, end)));
        }
        parts.add(resampler.flush());
        int total = parts.stream().mapToInt(p -> p.length).sum();
        short[] all = new short[total];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Level of everything except {@code hz} (the residual after removing the best-fitting sine), in dB re. it. */
    private static double artefactsDb(short[] s, int from, int length, double hz, int rate) {
        double c = 0;
        double q = 0;
        for (int i = from; i < from + length; i++) {
            c += s[i] * Math.cos(2 * Math.PI * hz * i / rate);
            q += s[i] * Math.sin(2 * Math.PI * hz * i / rate);
        }
        c = 2 * c / length;
        q = 2 * q / length;
        double residual = 0;
        double signal = 0;
        for (int i = from; i < from + length; i++) {
            double fit = c * Math.cos(2 * Math.PI * hz * i / rate) + q * Math.sin(2 * Math.PI * hz * i / rate);
            residual += (s[i] - fit) * (s[i] - fit);
            signal += fit * fit;
        }
        return 10 * Math.log10(residual / signal);
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 44100, 16000})
    void downToEightKilohertzKeepsTheVoiceBand(int rate) {
        short[] in = TestAudio.sine(1000, 16000, rate, rate);
        short[] out = convert(rate, 8000, in, rate / 50);
        assertEquals(8000, out.length, 2);
        assertEquals(1000, Goertzel.dominantFrequency(out, 1000, 6000, 8000, 300, 3400), 1);
        assertEquals(16000, Goertzel.amplitude(out, 1000, 6000, 1000, 8000), 16000 * 0.01, "level kept within 0.1 dB");
        double artefacts = artefactsDb(out, 1000, 6000, 1000, 8000);
        assertTrue(artefacts < -60, "clean: " + artefacts);
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 44100})
    void frequenciesAboveFourKilohertzDoNotAlias(int rate) {
        for (double hz : new double[] {4500, 6000, 9000}) {
            short[] in = TestAudio.sine(hz, 16000, rate, rate);
            short[] out = convert(rate, 8000, in, rate / 50);
            double level = Goertzel.levelDbfs(out, 1000, 6000) - Goertzel.levelDbfs(in, 1000, 6000);
            assertTrue(level < -50, hz + " Hz folds back at only " + level + " dB");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {48000, 44100})
    void upFromEightKilohertzHasNoImages(int rate) {
        short[] in = TestAudio.sine(3000, 16000, 8000, 8000);
        short[] out = convert(8000, rate, in, 160);
        assertEquals(rate, out.length, 2);
        double wanted = Goertzel.amplitude(out, rate / 8, rate / 2, 3000, rate);
        double image = Goertzel.amplitude(out, rate / 8, rate / 2, 5000, rate);
        assertEquals(16000, wanted, 16000 * 0.03, "within 0.25 dB at 3 kHz, near the 3.4 kHz cut-off");
        assertTrue(20 * Math.log10(image / wanted) < -50, "image at 5 kHz: " + 20 * Math.log10(image / wanted));
        assertTrue(artefactsDb(out, rate / 8, rate / 2, 3000, rate) < -50);
    }

    @Test
    void roundTripThroughFortyEightKilohertzReproducesTheSignal() {
        short[] voice = TestAudio.sine(440, 12000, 8000, 8000);
        for (int i = 0; i < voice.length; i++) {
            voice[i] += (short) (4000 * Math.sin(2 * Math.PI * 1870 * i / 8000.0));
        }
        short[] back = convert(48000, 8000, convert(8000, 48000, voice, 160), 960);
        double error = 0;
        double signal = 0;
        for (int i = 400; i < 7600; i++) {
            error += (back[i] - voice[i]) * (double) (back[i] - voice[i]);
            signal += voice[i] * (double) voice[i];
        }
        assertTrue(10 * Math.log10(error / signal) < -50, "round trip SNR " + 10 * Math.log10(error / signal));
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        short[] in = TestAudio.noise(4410, 3);
        assertArrayEquals(convert(44100, 8000, in, 4410), convert(44100, 8000, in, 882));
        assertArrayEquals(convert(8000, 44100, in, 4410), convert(8000, 44100, in, 160));
    }
}
