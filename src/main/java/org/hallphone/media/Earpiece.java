package org.hallphone.media;

import org.hallphone.call.AudioDeviceStats;

/** The playback half of an {@link AudioDevice}. */
interface Earpiece extends AutoCloseable {

    boolean play(short[] frame);

    long droppedFrames();

    String describe();

    /** The earpiece figures since the device was made (the capture fields stay 0). */
    default AudioDeviceStats stats() {
        return new AudioDeviceStats(0, 0, 0, 0, 0, 0, 0, 0, droppedFrames(), 0);
    }

    @Override
    void close();

    Earpiece NONE = new Earpiece() {
        @Override public boolean play(short[] frame) {
            return true;
        }
        @Override public long droppedFrames() {
            return 0;
        }
        @Override public String describe() {
            return "null-device";
        }
        @Override public void close() {
        }
    };
}
