package org.hallphone.media;

import java.util.Arrays;
import org.hallphone.call.AudioDeviceStats;

/** The capture half of an {@link AudioDevice}. */
interface Microphone extends AutoCloseable {

    void capture(short[] frame);

    String describe();

    /** The capture figures since the device was made (the earpiece and level fields stay 0). */
    default AudioDeviceStats stats() {
        return AudioDeviceStats.NONE;
    }

    @Override
    void close();

    Microphone SILENT = new Microphone() {
        @Override public void capture(short[] frame) {
            Arrays.fill(frame, (short) 0);
        }
        @Override public String describe() {
            return "null-device";
        }
        @Override public void close() {
        }
    };
}
