package org.hallphone.media;

import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import org.hallphone.call.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A javax.sound line that survives its device: opened at start if it can be (else retried with back-off), taken
 * as lost when it throws or its position stops advancing for two seconds, and reopened with back-off while the
 * call goes on. The earpiece and the microphone each hold one. Used by the clock thread only.
 *
 * @param <L> {@code SourceDataLine} for playback, {@code TargetDataLine} for capture
 */
final class ReopeningLine<L extends DataLine> {

    private static final Logger LOG = LoggerFactory.getLogger(ReopeningLine.class);
    /** Ticks (2 s) without progress that mean the device is gone. */
    private static final int STALL_TICKS = 100;
    /** PulseAudio's ALSA plugin may take about a second to start moving a new stream: no verdict before this. */
    private static final long START_GRACE_NANOS = 3_000_000_000L;

    private final Class<L> type;
    private final String role;
    private final String wanted;
    private final int bufferMillis;
    private final float[] rates;
    private final Consumer<ReopeningLine<L>> opened;
    private final Backoff backoff = Backoff.DEVICE;
    private int failures;
    private long nextAttemptNanos;
    private L line;
    private AudioFormat format;
    private String mixerName = "not open";
    private long lastPosition;
    private int stalledTicks;
    private long openedNanos;
    private volatile boolean closed;

    /**
     * Opens the device now, or (when it is missing at start) keeps trying with back-off.
     *
     * @param role   "playback" or "capture", for the log
     * @param opened called after every (re)opening, to set up conversion and priming for the new format
     */
    ReopeningLine(Class<L> type, String role, String wanted, int bufferMillis, float[] rates,
                  Consumer<ReopeningLine<L>> opened) {
        this.type = type;
        this.role = role;
        this.wanted = wanted;
        this.bufferMillis = bufferMillis;
        this.rates = rates.clone();
        this.opened = opened;
        try {
            open(true);
        } catch (LineUnavailableException | RuntimeException e) {
            LOG.warn("Audio {} device for '{}' cannot be opened yet ({}); retrying with back-off", role,
                    wanted == null || wanted.isBlank() ? "default" : wanted, e.getMessage());
            line = null;
            failed();
        }
    }

    private void open(boolean firstAttempt) throws LineUnavailableException {
        SoundLines.Opened<L> result = SoundLines.open(type, wanted, bufferMillis, rates, firstAttempt);
        line = result.line();
        format = result.format();
        mixerName = result.mixerName();
        lastPosition = line.getLongFramePosition();
        stalledTicks = 0;
        openedNanos = System.nanoTime();
        opened.accept(this);
        LOG.info("Audio {} on '{}' at {}", role, mixerName, format);
    }

    /** True when the line is open (reopening it first when its back-off is due); false when closed or absent. */
    boolean ready() {
        if (closed) {
            return false;
        }
        if (line != null) {
            return true;
        }
        if (System.nanoTime() - nextAttemptNanos < 0) {
            return false;
        }
        try {
            open(false);
            failures = 0;
            return true;
        } catch (LineUnavailableException | RuntimeException e) {
            failed();
            LOG.debug("Audio {} device still unavailable: {}", role, e.toString());
            return false;
        }
    }

    L line() {
        return line;
    }

    AudioFormat format() {
        return format;
    }

    /**
     * Notes the line's position once a tick; after two seconds without progress (past the start-up grace) the
     * device is taken as lost and true is returned.
     */
    boolean stalled(String why) {
        return stalled(why, STALL_TICKS);
    }

    /** As {@link #stalled(String)}, with the ticks without progress that mean the device is gone. */
    boolean stalled(String why, int stallTicks) {
        long position = line.getLongFramePosition();
        boolean settled = System.nanoTime() - openedNanos > START_GRACE_NANOS;
        if (position == lastPosition && settled) {
            if (++stalledTicks >= stallTicks) {
                lost(why);
                return true;
            }
        } else {
            stalledTicks = 0;
        }
        lastPosition = position;
        return false;
    }

    /** Closes a line that failed; the next {@link #ready()} after the back-off reopens it. */
    void lost(String why) {
        LOG.warn("Audio {} device '{}' lost ({}); reopening with back-off", role, mixerName, why);
        closeLine();
        failed();
    }

    /** Bytes of {@code millis} of audio in the line's format. */
    int bytesFor(int millis) {
        return Math.round(format.getSampleRate() * millis / 1000f) * format.getFrameSize();
    }

    String describe() {
        return mixerName + (format == null ? "" : " " + Math.round(format.getSampleRate()) + " Hz");
    }

    void close() {
        closed = true;
        closeLine();
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

    private void failed() {
        nextAttemptNanos = System.nanoTime() + backoff.delay(failures++).toNanos();
    }
}
