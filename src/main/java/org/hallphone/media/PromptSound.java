package org.hallphone.media;

import java.util.Arrays;

/** A prompt's samples (8 kHz mono), played once. */
final class PromptSound implements LocalSound {

    private final short[] samples;
    private int position;

    PromptSound(short[] samples) {
        this.samples = samples;
    }

    @Override
    public boolean fill(short[] frame) {
        Arrays.fill(frame, (short) 0);
        if (position >= samples.length) {
            return false;
        }
        int n = Math.min(frame.length, samples.length - position);
        System.arraycopy(samples, position, frame, 0, n);
        position += n;
        return true;
    }
}
