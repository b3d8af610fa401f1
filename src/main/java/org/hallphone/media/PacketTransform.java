package org.hallphone.media;

import java.util.Arrays;

/**
 * What happens to every RTP and RTCP datagram between the session and the socket: nothing ({@link #PLAIN}), or
 * SRTP (RFC 3711, {@link SrtpTransform}). Each method takes the first {@code length} bytes of {@code packet} and
 * returns the bytes to send or to handle, or {@code null} when the packet must be dropped (it failed
 * authentication, was replayed, or is malformed). Implementations never throw for hostile input.
 *
 * <p>The protect methods are called by the sending thread and the unprotect methods by the receiving one; an
 * implementation keeps the two directions apart so that they need no common lock.
 */
public interface PacketTransform {

    /** No protection: RTP and RTCP as they are. */
    PacketTransform PLAIN = new PacketTransform() {
        @Override
        public byte[] protectRtp(byte[] packet, int length) {
            return copy(packet, length);
        }

        @Override
        public byte[] unprotectRtp(byte[] packet, int length) {
            return copy(packet, length);
        }

        @Override
        public byte[] protectRtcp(byte[] packet, int length) {
            return copy(packet, length);
        }

        @Override
        public byte[] unprotectRtcp(byte[] packet, int length) {
            return copy(packet, length);
        }

        private byte[] copy(byte[] packet, int length) {
            return length == packet.length ? packet : Arrays.copyOf(packet, length);
        }

        @Override
        public String toString() {
            return "plain RTP";
        }
    };

    /** An RTP packet on its way out: the packet to send, or null to send nothing. */
    byte[] protectRtp(byte[] packet, int length);

    /** A received datagram meant as RTP: the plain RTP packet, or null to drop it. */
    byte[] unprotectRtp(byte[] packet, int length);

    /** An RTCP compound packet on its way out: the packet to send, or null to send nothing. */
    byte[] protectRtcp(byte[] packet, int length);

    /** A received datagram meant as RTCP: the plain RTCP compound packet, or null to drop it. */
    byte[] unprotectRtcp(byte[] packet, int length);
}
