package org.hallphone.media;

import java.util.Arrays;
import java.util.List;
import org.hallphone.call.AudioDeviceStats;

/**
 * One 20 ms step of the engine's audio, on the clock thread: reads the microphone, applies the capture gain and
 * hands the frame to every open session to send; pulls each session's next frame from its jitter buffer, mixes in
 * what the terminal plays itself ({@link LocalSounds}), applies the earpiece gain and writes the result to the
 * device (which never blocks); feeds the ring device. Also keeps the figures that need the clock: the voice
 * detector on the far end's audio alone and the device's statistics.
 */
final class FrameMixer {

    private static final int FRAME = Codec.SAMPLES_PER_PACKET;

    private final AudioDevice device;
    private final List<RtpSession> sessions;
    private final LocalSounds sounds;
    private final Volume volume;
    private final VoiceActivity voice = new VoiceActivity();
    private final short[] microphone = new short[FRAME];
    private final short[] scratch = new short[FRAME];
    private final int[] mix = new int[FRAME];
    private final short[] earpiece = new short[FRAME];
    private final short[] farEnd = new short[FRAME];
    private final short[] ringFrame = new short[FRAME];
    private double captureEnergy;
    private long capturedFrames;
    /** The device's figures as of the last step (published by the clock thread, read when a session ends). */
    private volatile AudioDeviceStats deviceStats = AudioDeviceStats.NONE;

    FrameMixer(AudioDevice device, List<RtpSession> sessions, LocalSounds sounds, Volume volume) {
        this.device = device;
        this.sessions = sessions;
        this.sounds = sounds;
        this.volume = volume;
    }

    /** The whole step; may throw (the clock catches and counts it). */
    void step() {
        capture();
        for (RtpSession session : sessions) {
            session.tick(microphone);
        }
        Arrays.fill(mix, 0);
        listen(mixFarEnd());
        sounds.mixInto(this, scratch);
        double gain = volume.playbackGain();
        for (int i = 0; i < FRAME; i++) {
            earpiece[i] = Pcm.clip(mix[i] * gain);
        }
        device.play(earpiece.clone());
        if (device.hasRinger()) {
            playRing();
        }
        publishDeviceStats();
    }

    /** Adds a frame to this step's earpiece mix (null: nothing). */
    void add(short[] frame) {
        if (frame == null) {
            return;
        }
        for (int i = 0; i < FRAME; i++) {
            mix[i] += frame[i];
        }
    }

    /** Whether the far end is speaking, measured on its audio alone (before gain and tones). */
    boolean farEndSpeaking() {
        return voice.speaking();
    }

    AudioDeviceStats deviceStats() {
        return deviceStats;
    }

    private void capture() {
        device.capture(microphone);
        Volume.apply(microphone, volume.captureGain());
        capturedFrames++;
        for (short s : microphone) {
            captureEnergy += s * (double) s;
        }
        sounds.captured(microphone);
    }

    /** Mixes every session's next frame; true when any of them had one. */
    private boolean mixFarEnd() {
        boolean heard = false;
        for (RtpSession session : sessions) {
            short[] frame = session.playout();
            heard |= frame != null;
            add(frame);
        }
        return heard;
    }

    /** Feeds the far end's audio alone (the sessions' sum so far) to the voice detector. */
    private void listen(boolean heard) {
        if (!heard) {
            voice.silence();
            return;
        }
        for (int i = 0; i < FRAME; i++) {
            farEnd[i] = Pcm.clip(mix[i]);
        }
        voice.frame(farEnd);
    }

    /** The ring device gets a frame every tick (silence between rings), so that its line keeps running. */
    private void playRing() {
        sounds.fillRing(ringFrame);
        Volume.apply(ringFrame, volume.ringGain());
        device.ring(ringFrame.clone());
    }

    private void publishDeviceStats() {
        AudioDeviceStats s = device.stats();
        deviceStats = new AudioDeviceStats(capturedFrames, s.captureGapFrames(), s.captureGaps(),
                s.captureOverflowSamples(), s.captureTrimmedSamples(), s.captureBufferedSamples(), captureEnergy,
                s.earpieceFrames(), s.earpieceDroppedFrames(), s.earpieceUnderruns());
    }
}
