package org.hallphone.media;

/**
 * The byte-level seam between a session's packets and its sockets: every RTP and RTCP packet passes here on its way
 * out ({@code protect}) and on its way in ({@code unprotect}), so SRTP (RFC 3711) can encrypt and authenticate
 * without the session knowing. {@link #IDENTITY} (plain RTP) is the default.
 *
 * <p>Threads: the {@code protect} methods run on the media clock thread, and on the thread that closes the session
 * (its RTCP BYE); {@code unprotectRtp} runs on the session's receive thread; {@code unprotectRtcp} on the RTCP
 * receive thread, or on the RTP one with rtcp-mux. An implementation must be safe for that.
 *
 * <p>The inbound methods see only datagrams from the far end's hosts (strangers are dropped before, at no cost).
 * Returning null drops the packet and counts it as invalid: a source whose packets fail here is never latched.
 */
public interface PacketTransform {

    /** Plain RTP: every packet passes unchanged. */
    PacketTransform IDENTITY = new PacketTransform() {
        @Override
        public byte[] protectRtp(byte[] packet) {
            return packet;
        }

        @Override
        public byte[] unprotectRtp(byte[] packet) {
            return packet;
        }

        @Override
        public byte[] protectRtcp(byte[] packet) {
            return packet;
        }

        @Override
        public byte[] unprotectRtcp(byte[] packet) {
            return packet;
        }

        @Override
        public String toString() {
            return "plain RTP";
        }
    };

    /** An RTP packet (header and payload) to send; returns what goes on the wire (never null). */
    byte[] protectRtp(byte[] packet);

    /** A datagram received on the RTP port; returns the plain RTP packet, or null to drop it. */
    byte[] unprotectRtp(byte[] packet);

    /** A compound RTCP packet to send; returns what goes on the wire (never null). */
    byte[] protectRtcp(byte[] packet);

    /** A datagram received as RTCP; returns the plain compound RTCP packet, or null to drop it. */
    byte[] unprotectRtcp(byte[] packet);
}
