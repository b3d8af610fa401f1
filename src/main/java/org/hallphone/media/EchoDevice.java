package org.hallphone.media;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A device whose microphone hears what its earpiece played a fixed time ago, like a handset lying on the table.
 * For the demo contact centre (it "talks back" with the caller's own voice) and for testing the self-test.
 * Thread-safe.
 */
public final class EchoDevice implements AudioDevice {

    private final ArrayDeque<short[]> air = new ArrayDeque<>();
    private final int delayFrames;

    /** @param delay how long after playing a sound it is captured, rounded to 20 ms frames */
    public EchoDevice(Duration delay) {
        this.delayFrames = (int) Math.max(1, delay.toMillis() / Codec.PTIME_MS);
    }

    @Override
    public synchronized boolean play(short[] frame) {
        air.add(frame.clone());
        while (air.size() > delayFrames + 50) { // nobody capturing: forget what is older than a second or so
            air.poll();
        }
        return true;
    }

    @Override
    public synchronized void capture(short[] frame) {
        if (air.size() > delayFrames) {
            short[] heard = air.poll();
            System.arraycopy(heard, 0, frame, 0, Math.min(frame.length, heard.length));
        } else {
            Arrays.fill(frame, (short) 0);
        }
    }

    @Override
    public String describe() {
        return "echo after " + delayFrames * Codec.PTIME_MS + " ms";
    }

    @Override
    public void close() {
    }
}
