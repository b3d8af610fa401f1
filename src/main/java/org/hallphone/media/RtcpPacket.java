package org.hallphone.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RTCP compound packets (RFC 3550 §6): the sender report (SR, §6.4.1), receiver report (RR, §6.4.2), a source
 * description with the CNAME only (SDES, §6.5) and BYE (§6.6) are written; SR and RR are read, with the validity
 * checks of Appendix A.2; every other packet type in a compound is skipped.
 */
final class RtcpPacket {

    static final int VERSION = 2;
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;
    private static final int CNAME = 1;
    private static final int BLOCK_BYTES = 24;

    private RtcpPacket() {
    }

    /**
     * One reception report block (§6.4.1): what a receiver says about the stream {@code ssrc}.
     *
     * @param fractionLost     lost since the previous report, in 1/256
     * @param cumulativeLost   24-bit signed total (duplicates may make it negative)
     * @param highestSequence  extended highest sequence number received
     * @param jitter           interarrival jitter in timestamp units
     * @param lastSr           the middle 32 bits of the NTP time of the last SR received from {@code ssrc}, or 0
     * @param delaySinceLastSr the delay since that SR, in 1/65536 s
     */
    record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSequence, long jitter,
                       long lastSr, long delaySinceLastSr) {
    }

    /** The sender information of an SR: the NTP time (64-bit fixed point), the same instant in RTP units, counts. */
    record SenderInfo(long ntpSeconds, long ntpFraction, long rtpTimestamp, long packetCount, long octetCount) {

        /** The middle 32 bits of the NTP time, as the LSR field of a report block carries it. */
        long middle() {
            return ((ntpSeconds & 0xFFFF) << 16) | (ntpFraction >>> 16);
        }
    }

    /** One SR (with {@code sender}) or RR (sender null) from {@code ssrc}. */
    record Report(long ssrc, SenderInfo sender, List<ReportBlock> blocks) {
    }

    /** A compound packet as read: its SRs and RRs, and whether it says BYE. */
    record Compound(List<Report> reports, boolean bye) {
    }

    /** An SR (when {@code sender} is not null) or RR from {@code ssrc} with at most one block, then SDES CNAME. */
    static byte[] report(long ssrc, SenderInfo sender, ReportBlock block, String cname) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        writeReport(out, ssrc, sender, block);
        writeSdes(out, ssrc, cname);
        return out.toByteArray();
    }

    /** A report as {@link #report}, then BYE (§6.1: a BYE is the last packet of a compound). */
    static byte[] bye(long ssrc, SenderInfo sender, ReportBlock block, String cname) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(104);
        writeReport(out, ssrc, sender, block);
        writeSdes(out, ssrc, cname);
        writeHeader(out, 1, BYE, 1);
        writeInt(out, ssrc);
        return out.toByteArray();
    }

    private static void writeReport(ByteArrayOutputStream out, long ssrc, SenderInfo sender, ReportBlock block) {
        int count = block == null ? 0 : 1;
        int words = 1 + (sender == null ? 0 : 5) + 6 * count;
        writeHeader(out, count, sender == null ? RR : SR, words);
        writeInt(out, ssrc);
        if (sender != null) {
            writeInt(out, sender.ntpSeconds());
            writeInt(out, sender.ntpFraction());
            writeInt(out, sender.rtpTimestamp());
            writeInt(out, sender.packetCount());
            writeInt(out, sender.octetCount());
        }
        if (block != null) {
            writeInt(out, block.ssrc());
            // fraction (8 bits) and the cumulative loss as 24-bit two's complement, clamped (§6.4.1)
            long lost = Math.max(-0x800000, Math.min(0x7FFFFF, block.cumulativeLost())) & 0xFFFFFF;
            writeInt(out, ((long) (block.fractionLost() & 0xFF) << 24) | lost);
            writeInt(out, block.highestSequence());
            writeInt(out, block.jitter());
            writeInt(out, block.lastSr());
            writeInt(out, block.delaySinceLastSr());
        }
    }

    private static void writeSdes(ByteArrayOutputStream out, long ssrc, String cname) {
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        if (text.length > 255) {
            throw new IllegalArgumentException("CNAME longer than 255 bytes");
        }
        int chunk = 4 + 2 + text.length + 1; // SSRC, type and length, the text, the end item
        int padded = (chunk + 3) / 4 * 4;
        writeHeader(out, 1, SDES, padded / 4);
        writeInt(out, ssrc);
        out.write(CNAME);
        out.write(text.length);
        out.write(text, 0, text.length);
        for (int i = 4 + 2 + text.length; i < padded; i++) {
            out.write(0); // the end item and the padding to a 32-bit boundary
        }
    }

    private static void writeHeader(ByteArrayOutputStream out, int count, int type, int wordsAfterHeader) {
        out.write((VERSION << 6) | count);
        out.write(type);
        out.write(wordsAfterHeader >> 8);
        out.write(wordsAfterHeader);
    }

    private static void writeInt(ByteArrayOutputStream out, long value) {
        out.write((int) (value >> 24));
        out.write((int) (value >> 16));
        out.write((int) (value >> 8));
        out.write((int) value);
    }

    /**
     * Reads a compound packet; throws {@link IllegalArgumentException} when it fails the checks of A.2: version 2,
     * an SR or RR first, padding only in the last packet, lengths that add up to the datagram exactly.
     */
    static Compound parse(byte[] data, int length) {
        if (length < 8) {
            throw new IllegalArgumentException("shorter than an RTCP header: " + length + " bytes");
        }
        int firstType = data[1] & 0xFF;
        if (firstType != SR && firstType != RR) {
            throw new IllegalArgumentException("a compound RTCP packet starts with SR or RR, not " + firstType);
        }
        List<Report> reports = new ArrayList<>();
        boolean bye = false;
        int at = 0;
        while (at < length) {
            if (length - at < 4) {
                throw new IllegalArgumentException("truncated RTCP header at byte " + at);
            }
            int version = (data[at] >> 6) & 0x03;
            if (version != VERSION) {
                throw new IllegalArgumentException("RTCP version " + version + ", expected 2");
            }
            boolean padding = (data[at] & 0x20) != 0;
            int count = data[at] & 0x1F;
            int type = data[at + 1] & 0xFF;
            int bytes = 4 * (1 + (((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF)));
            if (at + bytes > length) {
                throw new IllegalArgumentException("RTCP packet longer than the datagram");
            }
            if (padding && at + bytes != length) {
                throw new IllegalArgumentException("RTCP padding before the last packet");
            }
            int end = padding ? at + bytes - (data[at + bytes - 1] & 0xFF) : at + bytes;
            if (end < at + 4) {
                throw new IllegalArgumentException("RTCP padding longer than the packet");
            }
            if (type == SR || type == RR) {
                reports.add(readReport(data, at + 4, end, count, type == SR));
            } else if (type == BYE) {
                bye = true;
            }
            at += bytes;
        }
        return new Compound(List.copyOf(reports), bye);
    }

    private static Report readReport(byte[] data, int from, int end, int count, boolean sr) {
        int needed = 4 + (sr ? 20 : 0) + BLOCK_BYTES * count;
        if (end - from < needed) {
            throw new IllegalArgumentException("RTCP " + (sr ? "SR" : "RR") + " shorter than its " + count
                    + " report blocks");
        }
        long ssrc = getInt(data, from);
        int at = from + 4;
        SenderInfo sender = null;
        if (sr) {
            sender = new SenderInfo(getInt(data, at), getInt(data, at + 4), getInt(data, at + 8),
                    getInt(data, at + 12), getInt(data, at + 16));
            at += 20;
        }
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += BLOCK_BYTES) {
            int lost = (int) (getInt(data, at + 4) & 0xFFFFFF);
            if ((lost & 0x800000) != 0) {
                lost -= 0x1000000; // 24-bit two's complement
            }
            blocks.add(new ReportBlock(getInt(data, at), data[at + 4] & 0xFF, lost, getInt(data, at + 8),
                    getInt(data, at + 12), getInt(data, at + 16), getInt(data, at + 20)));
        }
        return new Report(ssrc, sender, List.copyOf(blocks));
    }

    /** True when the second byte marks RTCP sharing the RTP port (RFC 5761 §4: packet types 192-223). */
    static boolean isMuxedRtcp(byte[] data, int length) {
        if (length < 2) {
            return false;
        }
        int type = data[1] & 0xFF;
        return type >= 192 && type <= 223;
    }

    private static long getInt(byte[] data, int at) {
        return ((long) (data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8)
                | (data[at + 3] & 0xFF);
    }
}
