package org.hallphone.call;

/**
 * What the call flow commands the audio side to do, outside the RTP stream itself. Never blocks the caller.
 */
public interface CallAudio {

    /** Plays a tone in the earpiece (or speaker for {@link Tone#RING}), replacing any tone playing. */
    void play(Tone tone);

    /** Stops the tone or prompt that is playing, if any. */
    void stopTone();

    /** Plays a prompt once when its file exists; does nothing otherwise. */
    void play(Prompt prompt);

    /** Restores the configured default gains (done at the start of every call, an accessibility rule). */
    void resetVolume();

    /** Raises ({@code steps > 0}) or lowers the earpiece volume by steps of 3 dB within safe limits. */
    void adjustVolume(int steps);

    /**
     * What the earpiece is doing now: the far end's voice heard or not, the volume step. Read-only, safe from any
     * thread, never blocks (the screen polls it a few times a second).
     */
    default EarpieceLevel earpiece() {
        return EarpieceLevel.QUIET;
    }

    /** Does nothing: for tests and configurations without audio. */
    CallAudio SILENT = new CallAudio() {
        @Override public void play(Tone tone) { }
        @Override public void stopTone() { }
        @Override public void play(Prompt prompt) { }
        @Override public void resetVolume() { }
        @Override public void adjustVolume(int steps) { }
    };
}
