package org.hallphone.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.hallphone.config.AudioConfig;

/** Configurations and signals shared by the media tests. */
final class TestAudio {

    private TestAudio() {
    }

    /** The documented defaults, on the null device. */
    static AudioConfig config() {
        return config(null);
    }

    static AudioConfig config(Path promptsDir) {
        return new AudioConfig(MediaEngine.NULL_DEVICE, MediaEngine.NULL_DEVICE, 0, 0, 425,
                List.of(Duration.ofMillis(1000), Duration.ofMillis(4000)),
                List.of(Duration.ofMillis(350), Duration.ofMillis(350)), promptsDir,
                Duration.ofMillis(20), Duration.ofMillis(200));
    }

    static AudioConfig withDevices(String playback, String capture) {
        AudioConfig c = config();
        return new AudioConfig(playback, capture, c.playbackGainDb(), c.captureGainDb(), c.toneFrequencyHz(),
                c.ringbackCadence(), c.busyCadence(), c.promptsDir(), c.jitterMin(), c.jitterMax());
    }

    /** Seeded white noise at about -10 dBFS: every 20 ms frame differs from every other. */
    static short[] noise(int samples, long seed) {
        Random random = new Random(seed);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) (random.nextGaussian() * 3000);
        }
        return out;
    }

    static short[] sine(double hz, double amplitude, int samples, int rate) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    /** Frame {@code index} (160 samples) of {@code samples}. */
    static short[] frame(short[] samples, int index) {
        return Arrays.copyOfRange(samples, index * AudioDevice.FRAME_SAMPLES,
                (index + 1) * AudioDevice.FRAME_SAMPLES);
    }

    /** Writes 16-bit PCM WAV: {@code samples} interleaved over {@code channels}, at {@code rate}. */
    static void writeWav(Path file, short[] samples, int rate, int channels) throws IOException {
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(Pcm.toBytes(samples, 1)), format,
                samples.length / channels)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
