package org.hallphone.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Reads PCM WAV files of any rate and channel count as 8 kHz mono (prompts, the demo's microphone). */
final class Wav {

    private Wav() {
    }

    /**
     * The file's audio as 8 kHz mono 16-bit samples (channels averaged, rate converted). The JDK converts the sample
     * format only; the rate goes through {@link Resampler}, because the JDK's own rate conversion interpolates
     * linearly without a low-pass filter: a 7 kHz tone in a 48 kHz file came out as a 1 kHz tone at full level
     * (measured on JDK 17), where the resampler suppresses such aliases ({@code ResamplerTest}).
     */
    static short[] read8kMono(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             AudioInputStream source = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
            AudioFormat format = source.getFormat();
            int channels = Math.max(1, format.getChannels());
            AudioFormat pcm16 = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.getSampleRate(), 16,
                    channels, 2 * channels, format.getSampleRate(), false);
            byte[] bytes;
            try (AudioInputStream converted = format.matches(pcm16) ? source
                    : AudioSystem.getAudioInputStream(pcm16, source)) {
                bytes = converted.readAllBytes();
            } catch (IllegalArgumentException unsupported) {
                throw new IOException(file + ": not a PCM WAV file that can be played (" + format + ")",
                        unsupported);
            }
            short[] mono = Pcm.toSamples(bytes, bytes.length, channels);
            int rate = Math.round(format.getSampleRate());
            return rate == Codec.SAMPLE_RATE ? mono : resample(mono, rate);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": not a WAV file this terminal can read", e);
        }
    }

    private static short[] resample(short[] samples, int rate) {
        Resampler resampler = new Resampler(rate, Codec.SAMPLE_RATE);
        short[] head = resampler.process(samples);
        short[] tail = resampler.flush();
        short[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
