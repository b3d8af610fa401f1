package org.hallphone.media;

/** An {@link AudioDevice} made of an earpiece and a microphone chosen independently (by name, or null). */
final class SplitDevice implements AudioDevice {

    private final Earpiece earpiece;
    private final Microphone microphone;

    SplitDevice(Earpiece earpiece, Microphone microphone) {
        this.earpiece = earpiece;
        this.microphone = microphone;
    }

    Earpiece earpiece() {
        return earpiece;
    }

    @Override
    public boolean play(short[] frame) {
        return earpiece.play(frame);
    }

    @Override
    public void capture(short[] frame) {
        microphone.capture(frame);
    }

    @Override
    public long droppedFrames() {
        return earpiece.droppedFrames();
    }

    @Override
    public AudioDeviceStats stats() {
        AudioDeviceStats in = microphone.stats();
        AudioDeviceStats out = earpiece.stats();
        return new AudioDeviceStats(in.captureFrames(), in.captureGapFrames(), in.captureGaps(),
                in.captureOverflowSamples(), in.captureTrimmedSamples(), in.captureBufferedSamples(), 0,
                out.earpieceFrames(), out.earpieceDroppedFrames(), out.earpieceUnderruns());
    }

    @Override
    public String describe() {
        return "playback " + earpiece.describe() + ", capture " + microphone.describe();
    }

    @Override
    public void close() {
        try {
            earpiece.close();
        } finally {
            microphone.close();
        }
    }
}
