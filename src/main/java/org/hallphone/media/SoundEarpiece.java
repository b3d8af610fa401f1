package org.hallphone.media;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playback through a javax.sound {@link SourceDataLine}. Writes never block: a frame that does not fit, or that
 * would put more than {@link #MAX_QUEUED_MS} in the line, is dropped and counted (this also absorbs the drift
 * between the engine's clock and the sound card's). After an underrun the line is primed with silence. A line
 * whose position stops advancing for two seconds, or that throws, is taken as a lost device: closed and reopened
 * with back-off while the call goes on. Rates other than 8 kHz are converted. Used by the clock thread only.
 */
final class SoundEarpiece implements Earpiece {

    private static final Logger LOG = LoggerFactory.getLogger(SoundEarpiece.class);
    static final int BUFFER_MS = 120;
    static final int MAX_QUEUED_MS = 80;
    static final int PRIME_MS = 40;
    /** Ticks (2 s) without progress that mean the device is gone. */
    private static final int STALL_TICKS = 100;
    /** PulseAudio's ALSA plugin may take about a second to start moving a new stream: no verdict before this. */
    private static final long START_GRACE_NANOS = 3_000_000_000L;

    private final String wanted;
    private final float[] rates;
    private final Backoff backoff = new Backoff();
    private SourceDataLine line;
    private AudioFormat format;
    private String mixerName = "not open";
    private Resampler resampler;
    private long lastPosition;
    private int stalledTicks;
    private long openedNanos;
    private long dropped;
    private long writes;
    private double queuedMillisSum;
    private volatile boolean closed;

    /** Opens the device now, or (when it is missing at start) keeps trying with back-off. */
    SoundEarpiece(String wanted) {
        this(wanted, SoundLines.RATES);
    }

    /** With the sample rates to try, in order (tests force a rate that needs conversion). */
    SoundEarpiece(String wanted, float[] rates) {
        this.wanted = wanted;
        this.rates = rates.clone();
        try {
            open(true);
        } catch (LineUnavailableException | RuntimeException e) {
            LOG.warn("Audio device for '{}' cannot be opened yet ({}); retrying with back-off",
                    wanted == null || wanted.isBlank() ? "default" : wanted, e.getMessage());
            line = null;
            backoff.failed();
        }
    }

    private void open(boolean firstAttempt) throws LineUnavailableException {
        SoundLines.Opened<SourceDataLine> opened =
                SoundLines.open(SourceDataLine.class, wanted, BUFFER_MS, rates, firstAttempt);
        line = opened.line();
        format = opened.format();
        mixerName = opened.mixerName();
        int rate = Math.round(format.getSampleRate());
        resampler = rate == Codec.SAMPLE_RATE ? null : new Resampler(Codec.SAMPLE_RATE, rate);
        lastPosition = line.getLongFramePosition();
        stalledTicks = 0;
        openedNanos = System.nanoTime();
        prime();
        LOG.info("Audio playback on '{}' at {}", mixerName, format);
    }

    @Override
    public boolean play(short[] frame) {
        if (closed) {
            return false;
        }
        if (line == null && !reopen()) {
            dropped++;
            return false;
        }
        try {
            short[] samples = resampler == null ? frame : resampler.process(frame);
            byte[] bytes = Pcm.toBytes(samples, format.getChannels());
            int bufferBytes = line.getBufferSize();
            int available = line.available();
            int queued = bufferBytes - available;
            long position = line.getLongFramePosition();
            boolean settled = System.nanoTime() - openedNanos > START_GRACE_NANOS;
            if (position == lastPosition && settled) { // written every tick, so it must move
                if (++stalledTicks >= STALL_TICKS) {
                    lost("its position stopped advancing");
                    dropped++;
                    return false;
                }
            } else {
                stalledTicks = 0;
            }
            lastPosition = position;
            if (queued <= 0) {
                prime();
            }
            if (available < bytes.length || queued + bytes.length > bytesFor(MAX_QUEUED_MS)) {
                dropped++;
                return false;
            }
            writes++;
            queuedMillisSum += (bufferBytes - line.available()) * 1000.0
                    / (format.getSampleRate() * format.getFrameSize());
            line.write(bytes, 0, bytes.length);
            return true;
        } catch (RuntimeException e) {
            lost(e.toString());
            dropped++;
            return false;
        }
    }

    private void prime() {
        byte[] silence = new byte[bytesFor(PRIME_MS)];
        if (line.available() >= silence.length) {
            line.write(silence, 0, silence.length);
        }
    }

    private int bytesFor(int millis) {
        return Math.round(format.getSampleRate() * millis / 1000f) * format.getFrameSize();
    }

    private boolean reopen() {
        if (!backoff.due()) {
            return false;
        }
        try {
            open(false);
            backoff.succeeded();
            return true;
        } catch (LineUnavailableException | RuntimeException e) {
            backoff.failed();
            LOG.debug("Audio playback device still unavailable: {}", e.toString());
            return false;
        }
    }

    private void lost(String why) {
        LOG.warn("Audio playback device '{}' lost ({}); reopening with back-off", mixerName, why);
        closeLine();
        backoff.failed();
    }

    private void closeLine() {
        if (line != null) {
            try {
                line.close();
            } catch (RuntimeException ignored) {
                // the device is gone; nothing more to release
            }
            line = null;
        }
    }

    /** Mean audio already queued in the line when a frame was written: the device buffer's added delay, ms. */
    double meanQueuedMillis() {
        return writes == 0 ? 0 : queuedMillisSum / writes;
    }

    @Override
    public long droppedFrames() {
        return dropped;
    }

    @Override
    public String describe() {
        return mixerName + (format == null ? "" : " " + Math.round(format.getSampleRate()) + " Hz");
    }

    @Override
    public void close() {
        closed = true;
        closeLine();
    }
}
