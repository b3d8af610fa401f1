package org.hallphone.call;

/** Locally generated sounds the call flow asks the audio side to play in the earpiece. */
public enum Tone {
    /** Ringback: the far end is ringing (Russian default 425 Hz, 1 s on / 4 s off). */
    RINGBACK,
    /** Busy / call over: 425 Hz, 0.35 s on / 0.35 s off. */
    BUSY,
    /** A short warning that the maximum call duration is near. */
    WARNING,
    /** The terminal itself rings (a representative calling back); played on the speaker. */
    RING
}
