package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.hallphone.call.RemoteReport;
import org.junit.jupiter.api.Test;

/** RTCP compounds (RFC 3550 §6) written and read: literal bytes in, literal figures out. */
class RtcpPacketTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aReceiverReportWithOneBlockAndCnameHasTheLayoutOfSection6() {
        RtcpPacket.ReportBlock block = new RtcpPacket.ReportBlock(0xCAFEBABEL, 64, -3, 0x1_0005L, 80, 0x12345678L,
                0x8000L);
        byte[] bytes = RtcpPacket.report(0x11223344L, null, block, "ab");
        assertEquals("81c90007" + "11223344" // V=2 RC=1 RR, 7 words follow; our SSRC
                        + "cafebabe" + "40fffffd" + "00010005" + "00000050" + "12345678" + "00008000"
                        + "81ca0003" + "11223344" + "01026162" + "00000000", // SDES: CNAME "ab", end, padding
                HEX.formatHex(bytes));
        RtcpPacket.Compound read = RtcpPacket.parse(bytes, bytes.length);
        assertFalse(read.bye());
        assertEquals(List.of(new RtcpPacket.Report(0x11223344L, null, List.of(block))), read.reports());
    }

    @Test
    void aSenderReportAndByeRoundTrip() {
        RtcpPacket.SenderInfo sender = new RtcpPacket.SenderInfo(0xE8000000L, 0x80000000L, 123456, 250, 40000);
        byte[] bytes = RtcpPacket.bye(0xDEADBEEFL, sender, null, "x");
        assertEquals("80c80006", HEX.formatHex(bytes, 0, 4), "V=2 RC=0 SR, 6 words");
        RtcpPacket.Compound read = RtcpPacket.parse(bytes, bytes.length);
        assertTrue(read.bye());
        RtcpPacket.Report report = read.reports().get(0);
        assertEquals(sender, report.sender());
        assertEquals(0x00008000L, sender.middle());
        assertEquals("81cb0001deadbeef", HEX.formatHex(bytes, bytes.length - 8, bytes.length), "BYE last");
    }

    @Test
    void invalidCompoundsAreRefused() {
        byte[] good = RtcpPacket.report(1, null, null, "c");
        byte[] shortened = Arrays.copyOf(good, good.length - 4);
        assertThrows(IllegalArgumentException.class, () -> RtcpPacket.parse(shortened, shortened.length));
        byte[] sdesFirst = Arrays.copyOfRange(good, 8, good.length);
        assertThrows(IllegalArgumentException.class, () -> RtcpPacket.parse(sdesFirst, sdesFirst.length));
        byte[] version1 = good.clone();
        version1[0] = (byte) 0x40;
        assertThrows(IllegalArgumentException.class, () -> RtcpPacket.parse(version1, version1.length));
        byte[] rrClaimsABlock = HEX.parseHex("81c9000100000001");
        assertThrows(IllegalArgumentException.class, () -> RtcpPacket.parse(rrClaimsABlock, rrClaimsABlock.length));
        assertThrows(IllegalArgumentException.class, () -> RtcpPacket.parse(new byte[] {1}, 1));
    }

    @Test
    void muxedRtcpIsToldFromRtpByItsSecondByte() {
        assertTrue(RtcpPacket.isMuxedRtcp(HEX.parseHex("80c8"), 2));
        assertTrue(RtcpPacket.isMuxedRtcp(HEX.parseHex("80c9"), 2));
        assertFalse(RtcpPacket.isMuxedRtcp(HEX.parseHex("8000"), 2), "PCMU");
        assertFalse(RtcpPacket.isMuxedRtcp(HEX.parseHex("80e5"), 2), "telephone-event 101 with the marker");
    }

    @Test
    void theRoundTripIsArrivalLessLsrLessDlsr() {
        RtcpReporter reporter = new RtcpReporter(0xABCDL);
        long t0 = System.nanoTime();
        long lsr = (reporter.ntpFixed(t0) >>> 16) & 0xFFFFFFFFL;
        // the far end held our SR for half a second and its report arrives 620 ms after we sent the SR
        RtcpPacket.ReportBlock aboutUs = new RtcpPacket.ReportBlock(0xABCDL, 26, 7, 900, 160, lsr, 32768);
        byte[] theirs = RtcpPacket.report(0x9999L, null, aboutUs, "far");
        reporter.onReceived(RtcpPacket.parse(theirs, theirs.length), t0 + 620_000_000L);
        RemoteReport remote = reporter.remote();
        assertEquals(1, remote.reports());
        assertEquals(26 / 256.0, remote.fractionLost(), 1e-9);
        assertEquals(7, remote.cumulativeLost());
        assertEquals(20.0, remote.jitterMillis(), 1e-9, "160 samples at 8 kHz");
        assertEquals(120.0, remote.roundTripMillis(), 0.1);
    }

    @Test
    void ourBlockEchoesTheFarEndsLastSenderReport() {
        RtcpReporter reporter = new RtcpReporter(0xABCDL);
        RtcpPacket.SenderInfo theirSr = new RtcpPacket.SenderInfo(0xE9001234L, 0x56780000L, 1, 2, 3);
        byte[] sr = RtcpPacket.report(0x9999L, theirSr, null, "far");
        long t0 = System.nanoTime();
        reporter.onReceived(RtcpPacket.parse(sr, sr.length), t0);
        byte[] ours = reporter.report(new RtcpReporter.Sending(10, 1600, 5000),
                new RtcpReporter.Receiving(0x9999L, 98, 2, 1100, 40), t0 + 250_000_000L);
        RtcpPacket.Report read = RtcpPacket.parse(ours, ours.length).reports().get(0);
        assertEquals(new RtcpPacket.SenderInfo(read.sender().ntpSeconds(), read.sender().ntpFraction(), 5000, 10,
                1600), read.sender());
        RtcpPacket.ReportBlock block = read.blocks().get(0);
        assertEquals(0x12345678L, block.lastSr());
        assertEquals(16384, block.delaySinceLastSr(), "a quarter second in 1/65536 s");
        assertEquals(5, block.fractionLost(), "2 of 100 lost is 5/256");
        assertEquals(2, block.cumulativeLost());
        assertEquals(1100, block.highestSequence());
        assertEquals(40, block.jitter());
        assertArrayEquals(new byte[] {(byte) 0x81, (byte) 0xc8}, Arrays.copyOf(ours, 2), "SR, one block");
    }
}
