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
