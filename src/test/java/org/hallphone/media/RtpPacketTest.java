package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void buildsTheRfc3550Header() {
        RtpPacket packet = new RtpPacket(8, true, 0xABCD, 0xFEDCBA98L, 0x12345678L, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0x88, (byte) 0xAB, (byte) 0xCD,
            (byte) 0xFE, (byte) 0xDC, (byte) 0xBA, (byte) 0x98, 0x12, 0x34, 0x56, 0x78, 1, 2, 3}, packet.toBytes());
    }

    @Test
    void parsesWhatItBuilds() {
        RtpPacket packet = new RtpPacket(0, false, 65535, 0xFFFFFFFFL, 0xFFFFFFFFL, new byte[160]);
        byte[] bytes = packet.toBytes();
        assertEquals(packet, RtpPacket.parse(bytes, bytes.length));
    }

    @Test
    void skipsCsrcsExtensionAndPadding() {
        byte[] data = {
            (byte) 0xB1, 0x00, 0x00, 0x07, 0, 0, 0, 9, 0, 0, 0, 5, // V=2 P=1 X=1 CC=1, PT 0, seq 7, ts 9, ssrc 5
            0, 0, 0, 42,                                           // CSRC
            (byte) 0xBE, (byte) 0xDE, 0x00, 0x01, 1, 2, 3, 4,      // extension of one word
            10, 11,                                                // payload
            0, 0, 3                                                // three bytes of padding
        };
        RtpPacket packet = RtpPacket.parse(data, data.length);
        assertEquals(7, packet.sequence());
        assertEquals(9, packet.timestamp());
        assertEquals(5, packet.ssrc());
        assertArrayEquals(new byte[] {10, 11}, packet.payload());
    }

    @Test
    void rejectsWhatIsNotRtp() {
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.parse(new byte[11], 11));
        byte[] versionOne = new RtpPacket(0, false, 1, 1, 1, new byte[4]).toBytes();
        versionOne[0] = 0x40;
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.parse(versionOne, versionOne.length));
        byte[] badPadding = new RtpPacket(0, false, 1, 1, 1, new byte[] {1, 50}).toBytes();
        badPadding[0] |= 0x20;
        assertThrows(IllegalArgumentException.class, () -> RtpPacket.parse(badPadding, badPadding.length));
    }
}
