package org.hallphone.media;

import java.util.function.DoubleConsumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.SourceDataLine;
import org.hallphone.call.AudioDeviceStats;

/**
 * Playback through a javax.sound {@link SourceDataLine}. Writes never block: each tick's frame joins a queue in
 * front of the line, and as much of the queue as the line has room for is written. A sound server takes audio in
 * blocks of its own size and time (PulseAudio takes nothing for about a second after a stream starts, then a
 * block; PipeWire changes its quantum), so frames wait in the queue instead of being thrown away when the line is
 * full. What is dropped is counted: the oldest audio beyond {@link #MAX_DELAY_MS} (or beyond {@link #KEEP_MS}
 * before the line has started moving at all), and, when for a whole
 * {@link #WINDOW_TICKS window} more than {@link #KEEP_MS} stayed queued, that surplus (the start-up backlog, or drift
 * between the engine's clock and the sound card's). When the line runs dry it is primed with {@link #PRIME_MS} of
 * silence (an underrun, counted). A line whose position stops advancing for two seconds, or that throws, is taken
 * as a lost device: closed and reopened with back-off while the call goes on. Rates other than 8 kHz are converted.
 * Used by the clock thread only.
 */
final class SoundEarpiece implements Earpiece {

    static final int BUFFER_MS = 200;
    static final int PRIME_MS = 60;
    /** The most audio queued in front of the line; beyond it the oldest is dropped. */
    static final int MAX_DELAY_MS = 600;
    /** What trimming leaves queued (line and queue together): room for a clock tick 100 ms late. */
    static final int KEEP_MS = 100;
    /** Ticks over which the lowest queue is watched before surplus delay is trimmed: 4 s. */
    static final int WINDOW_TICKS = 200;

    private final ReopeningLine<SourceDataLine> device;
    private final DoubleConsumer queuedMillis;
    private Resampler resampler;
    private byte[] queue = new byte[0];
    private int queued;
    private long frames;
    private long dropped;
    private long droppedBytes;
    private long underruns;
    private int windowTicks;
    private int windowLowest = Integer.MAX_VALUE;
    private long positionAtOpen;
    private boolean moving;

    /**
     * Opens the device now, or (when it is missing at start) keeps trying with back-off.
     *
     * @param rates the sample rates to try, in order ({@link SoundLines#RATES}; tests force one that needs conversion)
     */
    SoundEarpiece(String wanted, float[] rates) {
        this(wanted, rates, millis -> { });
    }

    /**
     * @param queuedMillis told after each frame written how much audio waits ahead of it (line and queue), ms: the
     *                     earpiece's added delay (the media benchmark averages it)
     */
    SoundEarpiece(String wanted, float[] rates, DoubleConsumer queuedMillis) {
        this.queuedMillis = queuedMillis;
        device = new ReopeningLine<>(SourceDataLine.class, "playback", wanted, BUFFER_MS, rates, this::opened);
    }

    private void opened(ReopeningLine<SourceDataLine> line) {
        int rate = Math.round(line.format().getSampleRate());
        resampler = rate == Codec.SAMPLE_RATE ? null : new Resampler(Codec.SAMPLE_RATE, rate);
        queue = new byte[line.bytesFor(MAX_DELAY_MS)];
        queued = 0;
        positionAtOpen = line.line().getLongFramePosition();
        moving = false;
        windowTicks = 0;
        windowLowest = Integer.MAX_VALUE;
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
            boolean kept = enqueue(bytes, format.getFrameSize());
            if (!moving && line.getLongFramePosition() == positionAtOpen) {
                // the sound server has not started taking audio (PulseAudio waits about a second): what would
                // pile up now would only be stale delay later, so no more than KEEP_MS waits
                int stale = queued - device.bytesFor(KEEP_MS);
                if (stale > 0) {
                    drop(stale / format.getFrameSize() * format.getFrameSize());
                    kept = false;
                }
            } else {
                moving = true;
            }
            if (device.stalled("its position stopped advancing")) { // written every tick, so it must move
                return false;
            }
            int bufferBytes = line.getBufferSize();
            int inLine = bufferBytes - line.available();
            if (inLine <= 0) {
                underruns++;
                prime(device);
            }
            int room = line.available() / format.getFrameSize() * format.getFrameSize();
            int n = Math.min(room, queued);
            if (n > 0) {
                line.write(queue, 0, n);
                System.arraycopy(queue, n, queue, 0, queued - n);
                queued -= n;
            }
            int total = bufferBytes - line.available() + queued;
            queuedMillis.accept(total * 1000.0 / (format.getSampleRate() * format.getFrameSize()));
            trimSurplus(total, format.getFrameSize());
            return kept;
        } catch (RuntimeException e) {
            device.lost(e.toString());
            dropped++;
            return false;
        }
    }

    /** Appends to the queue, dropping the oldest beyond its bound; false when something had to go. */
    private boolean enqueue(byte[] bytes, int frameSize) {
        int excess = queued + bytes.length - queue.length;
        if (excess > 0) {
            excess = Math.min(queued, (excess + frameSize - 1) / frameSize * frameSize);
            drop(excess);
        }
        int n = Math.min(bytes.length, queue.length - queued);
        System.arraycopy(bytes, 0, queue, queued, n);
        queued += n;
        return excess <= 0;
    }

    private void trimSurplus(int total, int frameSize) {
        windowLowest = Math.min(windowLowest, total);
        if (++windowTicks < WINDOW_TICKS) {
            return;
        }
        int keep = device.bytesFor(KEEP_MS);
        if (windowLowest > keep + device.bytesFor(Codec.PTIME_MS)) {
            int surplus = Math.min(queued, (windowLowest - keep) / frameSize * frameSize);
            drop(surplus);
        }
        windowTicks = 0;
        windowLowest = Integer.MAX_VALUE;
    }

    private void drop(int bytes) {
        if (bytes <= 0) {
            return;
        }
        System.arraycopy(queue, bytes, queue, 0, queued - bytes);
        queued -= bytes;
        droppedBytes += bytes;
        int frameBytes = device.bytesFor(Codec.PTIME_MS);
        while (droppedBytes >= frameBytes) {
            droppedBytes -= frameBytes;
            dropped++;
        }
    }

    /** Silence ahead of the first frame (and after an underrun), so the card never starves between ticks. */
    private static void prime(ReopeningLine<SourceDataLine> line) {
        byte[] silence = new byte[line.bytesFor(PRIME_MS)];
        if (line.line().available() >= silence.length) {
            line.line().write(silence, 0, silence.length);
        }
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
