package org.hallphone.archfixture.ui;

import javax.sound.sampled.AudioFormat;

/** A ui class that uses javax.sound, which only media may. */
public final class PlaysSound {

    public AudioFormat format() {
        return new AudioFormat(8000, 16, 1, true, false);
    }
}
