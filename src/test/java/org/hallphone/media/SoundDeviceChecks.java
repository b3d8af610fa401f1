package org.hallphone.media;

/** Measurements shared by the sound-device tests. */
final class SoundDeviceChecks {

    private SoundDeviceChecks() {
    }

    /** Level of the ring's two notes (E5, C5) in a block, dBFS (a full-scale sine 0). */
    static double ringLevelOf(short[] block) {
        double high = Goertzel.amplitude(block, 0, block.length, 659.25, Codec.SAMPLE_RATE);
        double low = Goertzel.amplitude(block, 0, block.length, 523.25, Codec.SAMPLE_RATE);
        double amplitude = Math.sqrt(high * high + low * low);
        return amplitude <= 0 ? -200 : 20 * Math.log10(amplitude / 32768);
    }
}
