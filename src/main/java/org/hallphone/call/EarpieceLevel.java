package org.hallphone.call;

/**
 * What the earpiece is doing now, for the screen of a patient who cannot hear well: whether the far end's voice is
 * heard and how loud the earpiece is set. Read-only; the audio side measures it, nobody decides anything on it.
 *
 * @param farEndSpeaking the far end's voice is above the speech threshold now (with a hang-over, so that the sign
 *                       does not flicker between words)
 * @param volumeStep     the patient's volume setting, 0 being the configured default
 * @param maxVolumeSteps the most steps either way from the default (the volume goes from -max to +max)
 */
public record EarpieceLevel(boolean farEndSpeaking, int volumeStep, int maxVolumeSteps) {

    /** Nothing heard, the default volume, four steps either way. */
    public static final EarpieceLevel QUIET = new EarpieceLevel(false, 0, 4);

    public EarpieceLevel {
        if (maxVolumeSteps < 0 || Math.abs(volumeStep) > maxVolumeSteps) {
            throw new IllegalArgumentException("volume step " + volumeStep + " outside +-" + maxVolumeSteps);
        }
    }
}
