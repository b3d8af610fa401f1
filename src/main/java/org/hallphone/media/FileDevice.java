package org.hallphone.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An {@link AudioDevice} without hardware, for tests, {@code --demo} and benchmarks: the microphone is a
 * generated sine tone, a WAV file (looped) or silence; what is played is recorded in memory (up to a limit).
 * Thread-safe.
 */
public final class FileDevice implements AudioDevice {

    /** Recording stops after this many samples (10 minutes at 8 kHz, 9.6 MB). */
    public static final int MAX_RECORDED_SAMPLES = 10 * 60 * Codec.SAMPLE_RATE;

    private final short[] source;
    private final double toneHz;
    private final double toneAmplitude;
    private long captured;
    private short[] recording = new short[Codec.SAMPLE_RATE];
    private int recorded;
    private boolean closed;

    private FileDevice(short[] source, double toneHz, double toneAmplitude) {
        this.source = source;
        this.toneHz = toneHz;
        this.toneAmplitude = toneAmplitude;
    }

    /** Captures a continuous sine of {@code hz} at {@code dbfs} (0 dBFS = full-scale sine). */
    public static FileDevice tone(double hz, double dbfs) {
        return new FileDevice(null, hz, 32767 * Math.pow(10, dbfs / 20));
    }

    /** Captures the WAV file (any PCM rate and channels, converted to 8 kHz mono), over and over. */
    public static FileDevice wav(Path file) throws IOException {
        short[] samples = Wav.read8kMono(file);
        return new FileDevice(samples.length == 0 ? new short[1] : samples, 0, 0);
    }

    /** Captures the given 8 kHz samples, over and over. */
    public static FileDevice samples(short[] samples) {
        return new FileDevice(samples.length == 0 ? new short[1] : samples.clone(), 0, 0);
    }

    /** Captures silence. */
    public static FileDevice silence() {
        return new FileDevice(new short[1], 0, 0);
    }

    @Override
    public synchronized boolean play(short[] frame) {
        if (closed || recorded >= MAX_RECORDED_SAMPLES) {
            return !closed;
        }
        if (recorded + frame.length > recording.length) {
            recording = Arrays.copyOf(recording, Math.min(MAX_RECORDED_SAMPLES,
                    Math.max(recording.length * 2, recorded + frame.length)));
        }
        int n = Math.min(frame.length, recording.length - recorded);
        System.arraycopy(frame, 0, recording, recorded, n);
        recorded += n;
        return true;
    }

    @Override
    public synchronized void capture(short[] frame) {
        for (int i = 0; i < frame.length; i++, captured++) {
            if (source != null) {
                frame[i] = source[(int) (captured % source.length)];
            } else {
                frame[i] = (short) Math.round(toneAmplitude
                        * Math.sin(2 * Math.PI * toneHz * captured / Codec.SAMPLE_RATE));
            }
        }
    }

    /** Everything played so far, 8 kHz mono. */
    public synchronized short[] recorded() {
        return Arrays.copyOf(recording, recorded);
    }

    @Override
    public String describe() {
        return source == null ? "tone " + toneHz + " Hz" : "file device";
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
