package org.hallphone.media;

import java.util.Arrays;

/** The capture half of an {@link AudioDevice}. */
interface Microphone extends AutoCloseable {

    void capture(short[] frame);

    String describe();

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
