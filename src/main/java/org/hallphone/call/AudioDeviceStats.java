package org.hallphone.call;

import java.util.Locale;

/**
 * What the sound device did, counted since it was opened or (from {@link #minus}) over one call. Capture figures
 * are about the microphone's way to the RTP packets, earpiece figures about the way to the loudspeaker.
 *
 * @param captureFrames           20 ms frames taken from the microphone
 * @param captureGapFrames        of those, frames that went out as silence because the device had not delivered
 *                                in time (after audio had started): lost time, not lost audio
 * @param captureGaps             times the audio stopped for want of samples
 * @param captureOverflowSamples  samples (8 kHz) dropped because more was waiting than the largest delay allowed
 * @param captureTrimmedSamples   samples (8 kHz) dropped to take out delay nobody needed (clock drift)
 * @param captureBufferedSamples  sum over frames of the samples waiting in the capture buffer (for the mean delay)
 * @param captureEnergy           sum of squared samples sent, after the capture gain (for the level)
 * @param earpieceFrames          frames handed to the earpiece
 * @param earpieceDroppedFrames   of those, frames dropped (buffer full, or the device gone)
 * @param earpieceUnderruns       times the earpiece ran dry and was primed with silence
 */
public record AudioDeviceStats(long captureFrames, long captureGapFrames, long captureGaps,
                               long captureOverflowSamples, long captureTrimmedSamples, long captureBufferedSamples,
                               double captureEnergy, long earpieceFrames, long earpieceDroppedFrames,
                               long earpieceUnderruns) {

    /** The terminal's audio runs at 8 kHz in 20 ms frames (G.711), whatever rate the device has. */
    private static final int SAMPLE_RATE = 8000;
    private static final int SAMPLES_PER_FRAME = SAMPLE_RATE / 50;

    public static final AudioDeviceStats NONE = new AudioDeviceStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The figures between {@code earlier} and these. */
    public AudioDeviceStats minus(AudioDeviceStats earlier) {
        return new AudioDeviceStats(captureFrames - earlier.captureFrames,
                captureGapFrames - earlier.captureGapFrames, captureGaps - earlier.captureGaps,
                captureOverflowSamples - earlier.captureOverflowSamples,
                captureTrimmedSamples - earlier.captureTrimmedSamples,
                captureBufferedSamples - earlier.captureBufferedSamples, captureEnergy - earlier.captureEnergy,
                earpieceFrames - earlier.earpieceFrames, earpieceDroppedFrames - earlier.earpieceDroppedFrames,
                earpieceUnderruns - earlier.earpieceUnderruns);
    }

    /** Share of captured frames that were gaps, 0..1. */
    public double captureGapRatio() {
        return captureFrames == 0 ? 0 : captureGapFrames / (double) captureFrames;
    }

    /** Milliseconds of microphone audio dropped on purpose (overflow and trim). */
    public long captureDroppedMillis() {
        return (captureOverflowSamples + captureTrimmedSamples) * 1000 / SAMPLE_RATE;
    }

    /** Mean delay the capture buffer added, ms. */
    public double captureDelayMillis() {
        return captureFrames == 0 ? 0 : captureBufferedSamples * 1000.0 / SAMPLE_RATE / captureFrames;
    }

    /** RMS level of what was sent, dBFS with a full-scale sine at 0 (-120 for silence). */
    public double captureLevelDbfs() {
        long samples = captureFrames * SAMPLES_PER_FRAME;
        if (samples == 0 || captureEnergy <= 0) {
            return -120;
        }
        double rms = Math.sqrt(captureEnergy / samples);
        return Math.max(-120, 20 * Math.log10(rms * Math.sqrt(2) / 32768));
    }

    /** For the per-call log line. */
    public String describe() {
        return String.format(Locale.ROOT, "capture gaps %d (%d frames of %d), dropped %d ms, delay %.0f ms, "
                        + "level %.1f dBFS; earpiece drops %d of %d, underruns %d", captureGaps, captureGapFrames,
                captureFrames, captureDroppedMillis(), captureDelayMillis(), captureLevelDbfs(),
                earpieceDroppedFrames, earpieceFrames, earpieceUnderruns);
    }
}
