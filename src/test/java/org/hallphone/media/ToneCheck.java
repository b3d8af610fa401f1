package org.hallphone.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Judges a tone that went through the terminal, 20 ms at a time: decoded from RTP packets captured on the wire
 * (a pcap that tshark wrote on loopback) or from a raw 8 kHz recording. Public for the end-to-end tests in other
 * packages.
 */
public final class ToneCheck {

    /** A 20 ms block carries the tone when its tone component is within this many dB of the expected level. */
    static final double SIGNAL_WINDOW_DB = 10;

    /**
     * @param blocks       20 ms blocks judged
     * @param withSignal   of the blocks between the first and the last carrying the tone, those carrying it
     * @param span         blocks from the first carrying the tone to the last, inclusive (0: none did)
     * @param levelDbfs    mean level of the tone component over the blocks carrying it (dBFS, sine 0)
     */
    public record Verdict(int blocks, int withSignal, int span, double levelDbfs) {

        public double signalRatio() {
            return span == 0 ? 0 : withSignal / (double) span;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d of %d blocks between first and last carry the tone (%.1f %%), "
                    + "level %.2f dBFS, %d blocks in all", withSignal, span, 100 * signalRatio(), levelDbfs, blocks);
        }
    }

    private ToneCheck() {
    }

    /**
     * The RTP payloads (G.711, decoded) of the UDP datagrams in {@code pcap} sent from a port in
     * [{@code fromPortMin}, {@code fromPortMax}], in capture order, one 160-sample block per packet.
     */
    public static List<short[]> rtpFromPcap(Path pcap, int fromPortMin, int fromPortMax) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap));
        in.order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IOException("not a little-endian pcap file: " + Integer.toHexString(magic));
        }
        int linkType = in.getInt(20);
        int linkHeader = switch (linkType) {
            case 1 -> 14;      // Ethernet (Linux loopback)
            case 113 -> 16;    // Linux cooked capture
            case 276 -> 20;    // Linux cooked capture v2
            default -> throw new IOException("unexpected pcap link type " + linkType);
        };
        List<short[]> blocks = new ArrayList<>();
        int at = 24;
        while (at + 16 <= in.limit()) {
            int captured = in.getInt(at + 8);
            int packet = at + 16;
            at = packet + captured;
            int ip = packet + linkHeader;
            if (at > in.limit() || captured < linkHeader + 28 || (in.get(ip) >> 4) != 4 || in.get(ip + 9) != 17) {
                continue;
            }
            int udp = ip + (in.get(ip) & 0x0F) * 4;
            int sourcePort = Short.toUnsignedInt(Short.reverseBytes(in.getShort(udp)));
            int udpLength = Short.toUnsignedInt(Short.reverseBytes(in.getShort(udp + 4)));
            if (sourcePort < fromPortMin || sourcePort > fromPortMax || udpLength < 8 + 12) {
                continue;
            }
            int rtp = udp + 8;
            if ((in.get(rtp) & 0xC0) != 0x80) {
                continue;
            }
            int payloadType = in.get(rtp + 1) & 0x7F;
            if (payloadType != 0 && payloadType != 8) {
                continue;
            }
            Codec codec = Codec.forPayloadType(payloadType);
            int payload = rtp + 12 + (in.get(rtp) & 0x0F) * 4;
            int length = udp + udpLength - payload;
            short[] block = new short[length];
            for (int i = 0; i < length; i++) {
                block[i] = G711.decode(codec, in.get(payload + i));
            }
            blocks.add(block);
        }
        return blocks;
    }

    /** Raw 16-bit little-endian mono samples cut into 20 ms (160-sample) blocks. */
    public static List<short[]> blocksOfRaw(Path raw) throws IOException {
        byte[] bytes = Files.readAllBytes(raw);
        short[] samples = Pcm.toSamples(bytes, bytes.length, 1);
        List<short[]> blocks = new ArrayList<>();
        for (int from = 0; from + 160 <= samples.length; from += 160) {
            blocks.add(Arrays.copyOfRange(samples, from, from + 160));
        }
        return blocks;
    }

    /** Judges the blocks for a tone of {@code hz} expected at {@code expectedDbfs}. */
    public static Verdict judge(List<short[]> blocks, double hz, double expectedDbfs) {
        double[] level = new double[blocks.size()];
        int first = -1;
        int last = -1;
        for (int i = 0; i < blocks.size(); i++) {
            short[] b = blocks.get(i);
            double amplitude = Goertzel.amplitude(b, 0, b.length, hz, Codec.SAMPLE_RATE);
            level[i] = amplitude <= 0 ? -120 : 20 * Math.log10(amplitude / 32768);
            if (level[i] > expectedDbfs - SIGNAL_WINDOW_DB) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            return new Verdict(blocks.size(), 0, 0, -120);
        }
        int withSignal = 0;
        double power = 0;
        for (int i = first; i <= last; i++) {
            if (level[i] > expectedDbfs - SIGNAL_WINDOW_DB) {
                withSignal++;
                power += Math.pow(10, level[i] / 10);
            }
        }
        return new Verdict(blocks.size(), withSignal, last - first + 1, 10 * Math.log10(power / withSignal));
    }
}
