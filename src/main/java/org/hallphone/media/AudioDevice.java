package org.hallphone.media;

import org.hallphone.call.AudioDeviceStats;

/**
 * The terminal's earpiece and microphone as the media engine sees them: 20 ms frames of 8 kHz mono 16-bit
 * samples ({@link #FRAME_SAMPLES}), whatever the hardware does underneath. Implementations never block: a full
 * playback buffer drops the frame (and counts it), a capture buffer with too little in it pads with silence.
 * Obtain one with {@link MediaEngine#openDevice}, {@link #silent()} or {@link FileDevice}.
 */
public interface AudioDevice extends AutoCloseable {

    /** Samples in one 20 ms frame at 8 kHz. */
    int FRAME_SAMPLES = Codec.SAMPLES_PER_PACKET;

    /** Queues one frame for the earpiece; returns false when it had to be dropped. Never blocks. */
    boolean play(short[] frame);

    /** Fills {@code frame} with the next 20 ms from the microphone (silence for what is missing). Never blocks. */
    void capture(short[] frame);

    /** Frames dropped on the way to the earpiece because its buffer was full or the device was gone. */
    default long droppedFrames() {
        return 0;
    }

    /** True when rings go to a device of their own ({@code audio.ring-device}) rather than the earpiece. */
    default boolean hasRinger() {
        return false;
    }

    /** Queues one frame for the ring device (silence between rings); false when dropped. Never blocks. */
    default boolean ring(short[] frame) {
        return false;
    }

    /** Capture and earpiece figures since the device was made (all 0 where a device does not count). */
    default AudioDeviceStats stats() {
        return AudioDeviceStats.NONE;
    }

    /** What this device is, for logs and the service screen. */
    String describe();

    /** Releases the hardware. Idempotent. */
    @Override
    void close();

    /** A device that discards playback and captures silence (headless benchmarks, CI without sound). */
    static AudioDevice silent() {
        return new SplitDevice(Earpiece.NONE, Microphone.SILENT);
    }
}
