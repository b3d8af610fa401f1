package org.hallphone.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550 §5.1). Sequence numbers are 16 bits and timestamps and SSRCs 32 bits, kept here as
 * non-negative ints and longs. Parsing skips CSRCs and a header extension and honours padding.
 *
 * @param payloadType 7-bit payload type
 * @param marker      the M bit: first packet of a talkspurt, or first packet of an RFC 4733 event
 * @param sequence    16-bit sequence number, 0..65535
 * @param timestamp   32-bit timestamp in samples, 0..2^32-1
 * @param ssrc        32-bit synchronisation source, 0..2^32-1
 * @param payload     the payload bytes
 */
record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {

    static final int VERSION = 2;
    static final int HEADER_BYTES = 12;

    RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        sequence &= 0xFFFF;
        timestamp &= 0xFFFFFFFFL;
        ssrc &= 0xFFFFFFFFL;
    }

    byte[] toBytes() {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        out[0] = (byte) (VERSION << 6); // no padding, no extension, no CSRCs
        out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        out[2] = (byte) (sequence >> 8);
        out[3] = (byte) sequence;
        putInt(out, 4, timestamp);
        putInt(out, 8, ssrc);
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }

    /** Parses {@code length} bytes of a datagram; throws {@link IllegalArgumentException} when it is not RTP. */
    static RtpPacket parse(byte[] data, int length) {
        if (length < HEADER_BYTES) {
            throw new IllegalArgumentException("shorter than an RTP header: " + length + " bytes");
        }
        int version = (data[0] >> 6) & 0x03;
        if (version != VERSION) {
            throw new IllegalArgumentException("RTP version " + version + ", expected 2");
        }
        boolean padding = (data[0] & 0x20) != 0;
        boolean extension = (data[0] & 0x10) != 0;
        int csrcCount = data[0] & 0x0F;
        int offset = HEADER_BYTES + 4 * csrcCount;
        if (extension) {
            if (length < offset + 4) {
                throw new IllegalArgumentException("truncated header extension");
            }
            int words = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
            offset += 4 + 4 * words;
        }
        int end = length;
        if (padding) {
            end -= data[length - 1] & 0xFF;
        }
        if (offset > end) {
            throw new IllegalArgumentException("RTP header longer than the packet");
        }
        return new RtpPacket(data[1] & 0x7F, (data[1] & 0x80) != 0,
                ((data[2] & 0xFF) << 8) | (data[3] & 0xFF), getInt(data, 4), getInt(data, 8),
                Arrays.copyOfRange(data, offset, end));
    }

    private static void putInt(byte[] out, int at, long value) {
        out[at] = (byte) (value >> 24);
        out[at + 1] = (byte) (value >> 16);
        out[at + 2] = (byte) (value >> 8);
        out[at + 3] = (byte) value;
    }

    private static long getInt(byte[] data, int at) {
        return ((long) (data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && p.payloadType == payloadType && p.marker == marker
                && p.sequence == sequence && p.timestamp == timestamp && p.ssrc == ssrc
                && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, marker, sequence, timestamp, ssrc) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + ", m=" + marker + ", seq=" + sequence + ", ts=" + timestamp
                + ", ssrc=" + Long.toHexString(ssrc) + ", " + payload.length + " bytes]";
    }
}
