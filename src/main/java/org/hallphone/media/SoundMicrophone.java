package org.hallphone.media;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.TargetDataLine;
import org.hallphone.call.AudioDeviceStats;

/**
 * Capture through a javax.sound {@link TargetDataLine}. Each tick drains everything the line holds (reads never
 * block: only what {@code available()} reports is read), converts it to 8 kHz and pushes it into a
 * {@link CaptureBuffer}, which hands out exactly 20 ms. Sound servers and USB or Bluetooth devices deliver in blocks
 * of their own size (PulseAudio's sine source sends 2 s every 2 s, PipeWire changes its quantum), so the buffer's
 * depth follows the longest pause the source makes (a 2 s source needs up to two of its blocks while it first
 * fills), up to {@link #MAX_DELAY_MS}; nothing is thrown away except
 * what that bound or a surplus of delay forces, and that is counted. A line that throws or stops advancing for
 * {@link #STALL_MS} is reopened with back-off. Used by the clock thread only.
 */
final class SoundMicrophone implements Microphone {

    /** The line's own buffer: room for several ticks, should the clock thread be held up. */
    static final int BUFFER_MS = 400;
    /** The most delay the capture buffer may add; beyond it the oldest audio is dropped (and counted). */
    static final int MAX_DELAY_MS = 5000;
    /** No audio for this long means the device is gone (longer than any block a working source makes). */
    static final int STALL_MS = 6000;
    /** Reads in one tick while the line keeps coming back full. */
    private static final int MAX_READS_PER_TICK = 16;

    private final ReopeningLine<TargetDataLine> device;
    private final CaptureBuffer buffer = new CaptureBuffer(Codec.SAMPLE_RATE * MAX_DELAY_MS / 1000);
    private Resampler resampler;
    private byte[] bytes = new byte[0];

    /**
     * Opens the device now, or (when it is missing at start) keeps trying with back-off.
     *
     * @param rates the sample rates to try, in order ({@link SoundLines#RATES}; tests force one that needs conversion)
     */
    SoundMicrophone(String wanted, float[] rates) {
        device = new ReopeningLine<>(TargetDataLine.class, "capture", wanted, BUFFER_MS, rates, this::opened);
    }

    private void opened(ReopeningLine<TargetDataLine> line) {
        int rate = Math.round(line.format().getSampleRate());
        resampler = rate == Codec.SAMPLE_RATE ? null : new Resampler(rate, Codec.SAMPLE_RATE);
        bytes = new byte[line.line().getBufferSize()];
        buffer.reset();
    }

    @Override
    public void capture(short[] frame) {
        if (device.ready()) {
            try {
                drain();
            } catch (RuntimeException e) {
                device.lost(e.toString());
            }
        }
        buffer.pull(frame);
    }

    private void drain() {
        TargetDataLine line = device.line();
        AudioFormat format = device.format();
        int frameBytes = format.getFrameSize();
        int fullBytes = line.getBufferSize() - frameBytes;
        for (int reads = 0; reads < MAX_READS_PER_TICK; reads++) {
            int available = Math.min(line.available(), bytes.length) / frameBytes * frameBytes;
            if (available <= 0) {
                break;
            }
            int read = line.read(bytes, 0, available);
            short[] samples = Pcm.toSamples(bytes, read, format.getChannels());
            short[] converted = resampler == null ? samples : resampler.process(samples);
            boolean full = available >= fullBytes;
            buffer.push(converted, converted.length, full);
            if (!full) {
                break;
            }
        }
        device.stalled("no audio for " + STALL_MS / 1000 + " seconds", STALL_MS / Codec.PTIME_MS);
    }

    @Override
    public AudioDeviceStats stats() {
        return new AudioDeviceStats(buffer.frames(), buffer.gapFrames(), buffer.gaps(), buffer.overflowSamples(),
                buffer.trimmedSamples(), buffer.bufferedSum(), 0, 0, 0, 0);
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
