package org.hallphone.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Audio devices, tones and prompts ({@code audio.*}).
 *
 * @param playbackDevice  {@code audio.playback-device}: substring of the javax.sound mixer name; empty: default;
 *                        {@code null-device} discards (headless benchmarks)
 * @param captureDevice   {@code audio.capture-device}: likewise for the microphone
 * @param playbackGainDb  {@code audio.playback-gain-db}: default earpiece gain, reset at every call
 * @param captureGainDb   {@code audio.capture-gain-db}: default microphone gain, reset at every call
 * @param toneFrequencyHz {@code audio.tone-frequency-hz}: call-progress tone (Russian default 425 Hz)
 * @param ringbackCadence {@code audio.ringback-cadence-ms}: on,off,... (default 1000,4000)
 * @param busyCadence     {@code audio.busy-cadence-ms}: on,off,... (default 350,350)
 * @param promptsDir      {@code audio.prompts-dir}: folder of optional WAV prompts; null: none
 * @param jitterMin       {@code audio.jitter-min-ms}: smallest jitter-buffer depth (default 20 ms)
 * @param jitterMax       {@code audio.jitter-max-ms}: largest jitter-buffer depth (default 200 ms)
 * @param ringDevice      {@code audio.ring-device}: where a call-back rings: part of a javax.sound mixer name (a hall
 *                        loudspeaker), {@code default} for the default output; empty: the earpiece
 * @param ringGainDb      {@code audio.ring-gain-db}: the ring's gain on that device
 * @param ringLeftLifted  {@code audio.ring-left-lifted}: the ring also sounds while the handset-left-lifted alarm is up
 */
public record AudioConfig(
        String playbackDevice,
        String captureDevice,
        double playbackGainDb,
        double captureGainDb,
        int toneFrequencyHz,
        List<Duration> ringbackCadence,
        List<Duration> busyCadence,
        Path promptsDir,
        Duration jitterMin,
        Duration jitterMax,
        String ringDevice,
        double ringGainDb,
        boolean ringLeftLifted) {

    public AudioConfig {
        ringbackCadence = List.copyOf(ringbackCadence);
        busyCadence = List.copyOf(busyCadence);
        ringDevice = ringDevice == null ? "" : ringDevice;
    }

    /** Without a ring device: the ring plays in the earpiece at its own level. */
    public AudioConfig(String playbackDevice, String captureDevice, double playbackGainDb, double captureGainDb,
                       int toneFrequencyHz, List<Duration> ringbackCadence, List<Duration> busyCadence,
                       Path promptsDir, Duration jitterMin, Duration jitterMax) {
        this(playbackDevice, captureDevice, playbackGainDb, captureGainDb, toneFrequencyHz, ringbackCadence,
                busyCadence, promptsDir, jitterMin, jitterMax, "", 0, false);
    }
}
