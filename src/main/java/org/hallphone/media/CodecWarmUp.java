package org.hallphone.media;

/**
 * A dry run of the audio path at start: a second of 20 ms frames encoded to G.711 both ways, packetised as RTP,
 * parsed back, decoded and passed through a jitter buffer, all in memory. The first call then runs compiled code
 * from its first packet instead of interpreting it while the patient listens.
 */
public final class CodecWarmUp {

    private static final int FRAMES = 50;

    private CodecWarmUp() {
    }

    /** Runs the dry run on the calling thread (a few milliseconds); returns a checksum so nothing is optimised away. */
    public static long run() {
        short[] frame = new short[Codec.SAMPLES_PER_PACKET];
        JitterBuffer buffer = new JitterBuffer(20, 60);
        long checksum = 0;
        for (int i = 0; i < FRAMES; i++) {
            for (int s = 0; s < frame.length; s++) {
                frame[s] = (short) ((s * 997 + i * 131) % 8000 - 4000);
            }
            Codec codec = i % 2 == 0 ? Codec.PCMU : Codec.PCMA;
            RtpPacket packet = new RtpPacket(codec.payloadType(), i == 0, i, (long) i * frame.length, 0x5eed,
                    G711.encode(codec, frame));
            byte[] wire = packet.toBytes();
            RtpPacket back = RtpPacket.parse(wire, wire.length);
            short[] decoded = G711.decode(codec, back.payload(), 0, back.payload().length);
            buffer.put(back.ssrc(), back.sequence(), decoded);
            short[] out = buffer.pull();
            checksum += out == null ? 0 : out[0];
        }
        return checksum;
    }
}
