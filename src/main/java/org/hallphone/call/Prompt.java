package org.hallphone.call;

/**
 * Optional spoken prompts (WAV files named {@code <name>.wav} in {@code audio.prompts-dir}, lower case).
 * The terminal works without them.
 */
public enum Prompt {
    /** "Connecting you to your insurance representative, please wait." */
    CONNECTING,
    /** "All representatives are busy. The 24-hour hotline is ..." */
    ALL_BUSY,
    /** "The office is closed now; your call goes to the 24-hour centre." */
    AFTER_HOURS,
    /** "The terminal is out of service. Please call the hotline ..." */
    OUT_OF_SERVICE,
    /** "The call has ended. Please hang up." */
    CALL_ENDED
}
