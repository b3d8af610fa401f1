package org.hallphone.media;

import org.hallphone.call.AudioDeviceStats;

/** An {@link AudioDevice} made of an earpiece and a microphone chosen independently (by name, or null). */
final class SplitDevice implements AudioDevice {

    private final Earpiece earpiece;
    private final Microphone microphone;
    private final Earpiece ringer;

    SplitDevice(Earpiece earpiece, Microphone microphone) {
        this(earpiece, microphone, null);
    }

    /** @param ringer where rings play (a hall loudspeaker); null: in the earpiece */
    SplitDevice(Earpiece earpiece, Microphone microphone, Earpiece ringer) {
        this.earpiece = earpiece;
        this.microphone = microphone;
        this.ringer = ringer;
    }

    @Override
    public boolean hasRinger() {
        return ringer != null;
    }

    @Override
    public boolean ring(short[] frame) {
        return ringer != null && ringer.play(frame);
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
        return "playback " + earpiece.describe() + ", capture " + microphone.describe()
                + (ringer == null ? "" : ", ring " + ringer.describe());
    }

    @Override
    public void close() {
        try {
            earpiece.close();
        } finally {
            try {
                microphone.close();
            } finally {
                if (ringer != null) {
                    ringer.close();
                }
            }
        }
    }
}
