package org.hallphone.media;

import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture through a javax.sound {@link TargetDataLine}. Reads never block: each tick takes what the line holds
 * (skipping a backlog beyond {@link #MAX_BACKLOG_MS}, which bounds the delay and absorbs clock drift), converts it
 * to 8 kHz and hands out 20 ms, padding with silence. A line that throws or stops advancing for two seconds is
 * reopened with back-off. Used by the clock thread only.
 */
final class SoundMicrophone implements Microphone {

    private static final Logger LOG = LoggerFactory.getLogger(SoundMicrophone.class);
    static final int BUFFER_MS = 200;
    static final int MAX_BACKLOG_MS = 60;
    /** Ticks (2 s) without progress that mean the device is gone. */
    private static final int STALL_TICKS = 100;
    /** PulseAudio's ALSA plugin may take about a second to start moving a new stream: no verdict before this. */
    private static final long START_GRACE_NANOS = 3_000_000_000L;

    private final String wanted;
    private final float[] rates;
    private final Backoff backoff = new Backoff();
    private TargetDataLine line;
    private AudioFormat format;
    private String mixerName = "not open";
    private Resampler resampler;
    private short[] pending = new short[0];
    private long lastPosition;
    private int stalledTicks;
    private long openedNanos;
    private volatile boolean closed;

    /** Opens the device now, or (when it is missing at start) keeps trying with back-off. */
    SoundMicrophone(String wanted) {
        this(wanted, SoundLines.RATES);
    }

    /** With the sample rates to try, in order (tests force a rate that needs conversion). */
    SoundMicrophone(String wanted, float[] rates) {
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
        SoundLines.Opened<TargetDataLine> opened =
                SoundLines.open(TargetDataLine.class, wanted, BUFFER_MS, rates, firstAttempt);
        line = opened.line();
        format = opened.format();
        mixerName = opened.mixerName();
        int rate = Math.round(format.getSampleRate());
        resampler = rate == Codec.SAMPLE_RATE ? null : new Resampler(rate, Codec.SAMPLE_RATE);
        lastPosition = line.getLongFramePosition();
        stalledTicks = 0;
        openedNanos = System.nanoTime();
        LOG.info("Audio capture on '{}' at {}", mixerName, format);
    }

    @Override
    public void capture(short[] frame) {
        Arrays.fill(frame, (short) 0);
        if (closed || (line == null && !reopen())) {
            return;
        }
        try {
            int frameBytes = format.getFrameSize();
            int available = line.available() / frameBytes * frameBytes;
            int backlogLimit = bytesFor(MAX_BACKLOG_MS);
            if (available > backlogLimit) {
                int skip = available - bytesFor(Codec.PTIME_MS);
                line.read(new byte[skip], 0, skip);
                available -= skip;
            }
            long position = line.getLongFramePosition();
            boolean settled = System.nanoTime() - openedNanos > START_GRACE_NANOS;
            if (position == lastPosition && settled) {
                if (++stalledTicks >= STALL_TICKS) {
                    lost("no audio for two seconds");
                    return;
                }
            } else {
                stalledTicks = 0;
            }
            lastPosition = position;
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
            lost(e.toString());
        }
    }

    private void append(short[] samples) {
        int limit = Codec.SAMPLE_RATE * MAX_BACKLOG_MS / 1000;
        short[] joined = Arrays.copyOf(pending, pending.length + samples.length);
        System.arraycopy(samples, 0, joined, pending.length, samples.length);
        pending = joined.length > limit ? Arrays.copyOfRange(joined, joined.length - limit, joined.length) : joined;
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
            LOG.debug("Audio capture device still unavailable: {}", e.toString());
            return false;
        }
    }

    private void lost(String why) {
        LOG.warn("Audio capture device '{}' lost ({}); reopening with back-off", mixerName, why);
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
