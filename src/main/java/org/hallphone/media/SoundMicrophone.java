package org.hallphone.media;

import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.TargetDataLine;

/**
 * Capture through a javax.sound {@link TargetDataLine}. Reads never block: each tick takes what the line holds
 * (skipping a backlog beyond {@link #MAX_BACKLOG_MS}, which bounds the delay and absorbs clock drift), converts it
 * to 8 kHz and hands out 20 ms, padding with silence. A line that throws or stops advancing for two seconds is
 * reopened with back-off. Used by the clock thread only.
 */
final class SoundMicrophone implements Microphone {

    static final int BUFFER_MS = 200;
    static final int MAX_BACKLOG_MS = 60;

    private final ReopeningLine<TargetDataLine> device;
    private Resampler resampler;
    private short[] pending = new short[0];

    /** Opens the device now, or (when it is missing at start) keeps trying with back-off. */
    SoundMicrophone(String wanted) {
        this(wanted, SoundLines.RATES);
    }

    /** With the sample rates to try, in order (tests force a rate that needs conversion). */
    SoundMicrophone(String wanted, float[] rates) {
        device = new ReopeningLine<>(TargetDataLine.class, "capture", wanted, BUFFER_MS, rates, this::opened);
    }

    private void opened(ReopeningLine<TargetDataLine> line) {
        int rate = Math.round(line.format().getSampleRate());
        resampler = rate == Codec.SAMPLE_RATE ? null : new Resampler(rate, Codec.SAMPLE_RATE);
    }

    @Override
    public void capture(short[] frame) {
        Arrays.fill(frame, (short) 0);
        if (!device.ready()) {
            return;
        }
        try {
            TargetDataLine line = device.line();
            AudioFormat format = device.format();
            int frameBytes = format.getFrameSize();
            int available = line.available() / frameBytes * frameBytes;
            int backlogLimit = device.bytesFor(MAX_BACKLOG_MS);
            if (available > backlogLimit) {
                int skip = available - device.bytesFor(Codec.PTIME_MS);
                line.read(new byte[skip], 0, skip);
                available -= skip;
            }
            if (device.stalled("no audio for two seconds")) {
                return;
            }
            if (available > 0) {
                byte[] bytes = new byte[available];
                int read = line.read(bytes, 0, available);
                short[] samples = Pcm.toSamples(bytes, read, format.getChannels());
                append(resampler == null ? samples : resampler.process(samples));
            }
            int n = Math.min(frame.length, pending.length);
            System.arraycopy(pending, 0, frame, 0, n);
            pending = Arrays.copyOfRange(pending, n, pending.length);
        } catch (RuntimeException e) {
            device.lost(e.toString());
        }
    }

    private void append(short[] samples) {
        int limit = Codec.SAMPLE_RATE * MAX_BACKLOG_MS / 1000;
        short[] joined = Arrays.copyOf(pending, pending.length + samples.length);
        System.arraycopy(samples, 0, joined, pending.length, samples.length);
        pending = joined.length > limit ? Arrays.copyOfRange(joined, joined.length - limit, joined.length) : joined;
    }

    @Override
    public String describe() {
        return device.describe();
    }

    @Override
    public void close() {
        device.close();
    }
}
