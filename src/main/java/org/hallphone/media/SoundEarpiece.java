package org.hallphone.media;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.SourceDataLine;

/**
 * Playback through a javax.sound {@link SourceDataLine}. Writes never block: a frame that does not fit, or that
 * would put more than {@link #MAX_QUEUED_MS} in the line, is dropped and counted (this also absorbs the drift
 * between the engine's clock and the sound card's). After an underrun the line is primed with silence. A line
 * whose position stops advancing for two seconds, or that throws, is taken as a lost device: closed and reopened
 * with back-off while the call goes on. Rates other than 8 kHz are converted. Used by the clock thread only.
 */
final class SoundEarpiece implements Earpiece {

    static final int BUFFER_MS = 120;
    static final int MAX_QUEUED_MS = 80;
    static final int PRIME_MS = 40;

    private final ReopeningLine<SourceDataLine> device;
    private Resampler resampler;
    private long dropped;
    private long frames;
    private long underruns;
    private long writes;
    private double queuedMillisSum;

    /** Opens the device now, or (when it is missing at start) keeps trying with back-off. */
    SoundEarpiece(String wanted) {
        this(wanted, SoundLines.RATES);
    }

    /** With the sample rates to try, in order (tests force a rate that needs conversion). */
    SoundEarpiece(String wanted, float[] rates) {
        device = new ReopeningLine<>(SourceDataLine.class, "playback", wanted, BUFFER_MS, rates, this::opened);
    }

    private void opened(ReopeningLine<SourceDataLine> line) {
        int rate = Math.round(line.format().getSampleRate());
        resampler = rate == Codec.SAMPLE_RATE ? null : new Resampler(Codec.SAMPLE_RATE, rate);
        prime(line); // called from the constructor too, before the device field is set
    }

    @Override
    public boolean play(short[] frame) {
        frames++;
        if (!device.ready()) {
            dropped++;
            return false;
        }
        try {
            SourceDataLine line = device.line();
            AudioFormat format = device.format();
            short[] samples = resampler == null ? frame : resampler.process(frame);
            byte[] bytes = Pcm.toBytes(samples, format.getChannels());
            int bufferBytes = line.getBufferSize();
            int available = line.available();
            int queued = bufferBytes - available;
            if (device.stalled("its position stopped advancing")) { // written every tick, so it must move
                dropped++;
                return false;
            }
            if (queued <= 0) {
                underruns++;
                prime(device);
            }
            if (available < bytes.length || queued + bytes.length > device.bytesFor(MAX_QUEUED_MS)) {
                dropped++;
                return false;
            }
            writes++;
            queuedMillisSum += (bufferBytes - line.available()) * 1000.0
                    / (format.getSampleRate() * format.getFrameSize());
            line.write(bytes, 0, bytes.length);
            return true;
        } catch (RuntimeException e) {
            device.lost(e.toString());
            dropped++;
            return false;
        }
    }

    /** Silence ahead of the first frame (and after an underrun), so the card never starves between ticks. */
    private static void prime(ReopeningLine<SourceDataLine> line) {
        byte[] silence = new byte[line.bytesFor(PRIME_MS)];
        if (line.line().available() >= silence.length) {
            line.line().write(silence, 0, silence.length);
        }
    }

    /** Mean audio already queued in the line when a frame was written: the device buffer's added delay, ms. */
    double meanQueuedMillis() {
        return writes == 0 ? 0 : queuedMillisSum / writes;
    }

    @Override
    public AudioDeviceStats stats() {
        return new AudioDeviceStats(0, 0, 0, 0, 0, 0, 0, frames, dropped, underruns);
    }

    @Override
    public long droppedFrames() {
        return dropped;
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
