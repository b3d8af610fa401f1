package org.hallphone.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Reads PCM WAV files of any rate and channel count as 8 kHz mono, and writes 8 kHz mono 16-bit WAV. */
final class Wav {

    private Wav() {
    }

    /** The file's audio as 8 kHz mono 16-bit samples (channels averaged, rate converted). */
    static short[] read8kMono(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             AudioInputStream source = AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(raw))) {
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
            int frames = bytes.length / (2 * channels);
            short[] mono = new short[frames];
            for (int f = 0; f < frames; f++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    int at = 2 * (f * channels + c);
                    sum += (short) ((bytes[at] & 0xFF) | (bytes[at + 1] << 8));
                }
                mono[f] = (short) (sum / channels);
            }
            int rate = Math.round(format.getSampleRate());
            if (rate == Codec.SAMPLE_RATE) {
                return mono;
            }
            Resampler resampler = new Resampler(rate, Codec.SAMPLE_RATE);
            short[] head = resampler.process(mono);
            short[] tail = resampler.flush();
            short[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            return all;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": not a WAV file this terminal can read", e);
        }
    }

    static void write(Path file, short[] samples, int rate) throws IOException {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(bytes), format, samples.length)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
