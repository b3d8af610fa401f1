package org.hallphone.media;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.hallphone.call.Tone;
import org.hallphone.config.AudioConfig;

/**
 * What the terminal itself plays, beside the far end: the tone (ringback, busy, ring), a prompt (which goes
 * before the tone until it ends), the ring on the hall's loudspeaker when there is a ring device, and the
 * self-test's tone. Clock thread only: the engine posts every change to it.
 */
final class LocalSounds {

    private final AudioConfig audio;
    private final boolean hasRinger;
    private final PromptCache prompts = new PromptCache();
    private LocalSound tone;
    private LocalSound prompt;
    private LocalSound ring;
    private SelfTest.Run selfTest;

    LocalSounds(AudioConfig audio, boolean hasRinger) {
        this.audio = audio;
        this.hasRinger = hasRinger;
    }

    /** The ring goes to the ring device when there is one (the earpiece keeps what it had); else to the earpiece. */
    void play(Tone which) {
        if (which == Tone.RING && hasRinger) {
            ring = ToneSound.of(which, audio);
        } else {
            tone = ToneSound.of(which, audio);
            ring = null;
        }
    }

    /** The handset-left-lifted alarm: the ring where call-backs ring, while {@code up}. */
    void leftLiftedAlarm(boolean up) {
        LocalSound sound = up ? ToneSound.of(Tone.RING, audio) : null;
        if (hasRinger) {
            ring = sound;
        } else {
            tone = sound;
        }
    }

    /** Stops the tone, the prompt and the ring (not the self-test). */
    void stop() {
        tone = null;
        prompt = null;
        ring = null;
    }

    /** Starts the prompt in {@code file}; false when it is missing or unreadable. */
    boolean playPrompt(Path file) {
        short[] samples = prompts.load(file);
        if (samples != null) {
            prompt = new PromptSound(samples);
        }
        return samples != null;
    }

    void startSelfTest(CompletableFuture<SelfTest.Result> result) {
        selfTest = new SelfTest.Run(result);
    }

    /** Something is playing or the self-test runs. */
    boolean busy() {
        return tone != null || ring != null || prompt != null || selfTest != null;
    }

    /** The microphone's frame after gain, for the self-test's recording. */
    void captured(short[] microphone) {
        if (selfTest != null) {
            selfTest.captured(microphone);
        }
    }

    /** Adds this tick's prompt or tone, and the self-test's tone, to the earpiece mix. */
    void mixInto(FrameMixer mix, short[] scratch) {
        if (prompt != null) {
            if (prompt.fill(scratch)) {
                mix.add(scratch);
            } else {
                prompt = null;
            }
        } else if (tone != null) {
            if (!tone.fill(scratch)) {
                tone = null;
            }
            mix.add(scratch);
        }
        if (selfTest != null) {
            if (selfTest.fill(scratch)) {
                mix.add(scratch);
            } else {
                selfTest = null;
            }
        }
    }

    /** This tick's frame for the ring device: the ring, or silence between rings and when none sounds. */
    void fillRing(short[] frame) {
        Arrays.fill(frame, (short) 0);
        if (ring != null && !ring.fill(frame)) {
            ring = null;
        }
    }
}
