package org.hallphone.media;

/** A sound generated or read on the terminal itself (tone, prompt), mixed into the earpiece 20 ms at a time. */
interface LocalSound {

    /** Fills the next 20 ms into {@code frame}; returns false (leaving silence) once the sound has ended. */
    boolean fill(short[] frame);
}
