package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines talk SRTP over loopback through a tap that relays every datagram and keeps those from Alice, as an
 * eavesdropper or an attacker on the path would: no payload is in clear, the tones arrive, and replayed and
 * tampered packets sent by the tap are dropped by Bob and counted.
 */
class SrtpLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private MediaEngine engine(AudioDevice device) {
        int port = FreePorts.evenUdpPair();
        MediaEngine engine = new MediaEngine(TestAudio.config(), port, port + 1, device);
        toClose.add(engine);
        return engine;
    }

    @Test
    void tonesCrossEncryptedAndReplayedOrTamperedPacketsAreDroppedAndCounted() throws Exception {
        FileDevice aliceDevice = FileDevice.tone(1000, -10);
        FileDevice bobDevice = FileDevice.tone(600, -10);
        MediaEngine alice = engine(aliceDevice);
        MediaEngine bob = engine(bobDevice);
        RtpSession a = (RtpSession) alice.open(LOOPBACK);
        RtpSession b = (RtpSession) bob.open(LOOPBACK);

        DatagramSocket tap = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        toClose.add(tap);
        List<byte[]> seen = new CopyOnWriteArrayList<>();
        Thread relay = new Thread(() -> {
            byte[] buffer = new byte[2048];
            while (!tap.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    tap.receive(p);
                    byte[] copy = Arrays.copyOf(p.getData(), p.getLength());
                    if (p.getPort() == a.localAddress().getPort()) {
                        seen.add(copy);
                        tap.send(new DatagramPacket(copy, copy.length, b.localAddress()));
                    } else {
                        tap.send(new DatagramPacket(copy, copy.length, a.localAddress()));
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "tap");
        relay.setDaemon(true);
        relay.start();

        SrtpPolicy aliceKey = SrtpPolicy.random(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        SrtpPolicy bobKey = SrtpPolicy.random(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        SrtpTransform aliceSrtp = SrtpTransform.of(aliceKey, bobKey);
        SrtpTransform bobSrtp = SrtpTransform.of(bobKey, aliceKey);
        a.setPacketTransform(aliceSrtp);
        b.setPacketTransform(bobSrtp);
        a.start((InetSocketAddress) tap.getLocalSocketAddress(), Codec.PCMU, 101);
        b.start((InetSocketAddress) tap.getLocalSocketAddress(), Codec.PCMU, 101);

        Wait.until("150 packets each way", Duration.ofSeconds(15),
                () -> a.stats().packetsReceived() >= 150 && b.stats().packetsReceived() >= 150);

        // on the wire: never a G.711 payload an eavesdropper could play
        byte[] clearFrame = G711.encode(Codec.PCMU, TestAudio.sine(1000, 0.316, 160, 8000));
        for (byte[] datagram : seen) {
            assertEquals(12 + 160 + 10, datagram.length, "RTP header, payload and the 80-bit tag");
            byte[] payload = Arrays.copyOfRange(datagram, 12, 172);
            assertFalse(Arrays.equals(clearFrame, payload));
            assertTrue(entropyBits(payload) > 6.5, "payload looks random: " + entropyBits(payload));
        }
        // and both ends hear the other's tone
        short[] heardByBob = bobDevice.recorded();
        short[] heardByAlice = aliceDevice.recorded();
        assertTone(heardByBob, 1000);
        assertTone(heardByAlice, 600);

        // an attacker on the path replays ten packets and tampers with ten others
        long before = b.stats().packetsRefused();
        for (int i = 0; i < 10; i++) {
            byte[] old = seen.get(i + 20);
            tap.send(new DatagramPacket(old, old.length, b.localAddress()));
            byte[] forged = seen.get(seen.size() - 1 - i).clone();
            forged[30] ^= 0x55;
            int ahead = ((((forged[2] & 0xFF) << 8) | (forged[3] & 0xFF)) + 500) & 0xFFFF;
            forged[2] = (byte) (ahead >> 8); // and a sequence number ahead, which must not move the window
            forged[3] = (byte) ahead;
            tap.send(new DatagramPacket(forged, forged.length, b.localAddress()));
        }
        Wait.until("20 hostile packets refused", Duration.ofSeconds(10),
                () -> b.stats().packetsRefused() - before >= 20);
        assertEquals(10, bobSrtp.replayed());
        assertEquals(10, bobSrtp.unauthenticated());
        assertEquals(20, b.stats().packetsRefused(), "and the session's figures say so (/metrics)");
        long received = b.stats().packetsReceived();
        Wait.until("genuine packets still accepted after the forgeries", Duration.ofSeconds(10),
                () -> b.stats().packetsReceived() >= received + 10);
    }

    @Test
    void forgedPacketsBeforeTheFirstGenuineOneNeverLatchTheSource() throws Exception {
        MediaEngine bob = engine(FileDevice.silence());
        RtpSession b = (RtpSession) bob.open(LOOPBACK);
        DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        DatagramSocket alice = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        toClose.add(attacker);
        toClose.add(alice);
        SrtpPolicy aliceKey = SrtpPolicy.random(SrtpSuite.AEAD_AES_128_GCM);
        SrtpPolicy bobKey = SrtpPolicy.random(SrtpSuite.AEAD_AES_128_GCM);
        b.setPacketTransform(SrtpTransform.of(bobKey, aliceKey));
        b.start((InetSocketAddress) alice.getLocalSocketAddress(), Codec.PCMU, -1);
        SrtpTransform aliceSrtp = SrtpTransform.of(aliceKey, bobKey);
        SrtpTransform wrongKey = SrtpTransform.of(SrtpPolicy.random(SrtpSuite.AEAD_AES_128_GCM), bobKey);

        for (int i = 0; i < 5; i++) {
            byte[] plain = new RtpPacket(0, false, 100 + i, 160L * i, 77, new byte[160]).toBytes();
            byte[] forged = wrongKey.protectRtp(plain);
            attacker.send(new DatagramPacket(forged, forged.length, b.localAddress()));
        }
        // the first forgery fails SRTP and bars its port; the others are dropped as foreign before any crypto
        Wait.until("forgeries refused", Duration.ofSeconds(10),
                () -> b.stats().packetsRefused() >= 1
                        && b.stats().packetsRefused() + b.stats().packetsForeign() >= 5);
        long refused = b.stats().packetsRefused();
        for (int i = 0; i < 20; i++) {
            byte[] plain = new RtpPacket(0, false, 500 + i, 160L * i, 78, new byte[160]).toBytes();
            byte[] sealed = aliceSrtp.protectRtp(plain);
            alice.send(new DatagramPacket(sealed, sealed.length, b.localAddress()));
        }
        Wait.until("Alice's packets accepted", Duration.ofSeconds(10), () -> b.stats().packetsReceived() >= 20);
        byte[] plain = new RtpPacket(0, false, 900, 0, 77, new byte[160]).toBytes();
        byte[] late = wrongKey.protectRtp(plain);
        long foreign = b.stats().packetsForeign();
        attacker.send(new DatagramPacket(late, late.length, b.localAddress()));
        Wait.until("the attacker is still a foreign source", Duration.ofSeconds(10),
                () -> b.stats().packetsForeign() > foreign);
        assertEquals(refused, b.stats().packetsRefused(), "nothing from the latched source was refused");
    }

    /**
     * SRTCP: each end's RTCP reports (and the BYE at the close) cross protected, RTCP on port + 1 and with rtcp-mux
     * on the RTP port, and each end reads the other's: a tap on the path sees no report in clear.
     */
    @Test
    void rtcpReportsCrossAsSrtcpSplitAndMuxed() throws Exception {
        reportsCrossEncrypted(SrtpSuite.AES_CM_128_HMAC_SHA1_80, false);
        // _32: the SRTCP tag is still 80 bits (RFC 3711); one with rtcp-mux, where RTCP shares the RTP port
        reportsCrossEncrypted(SrtpSuite.AES_CM_128_HMAC_SHA1_32, true);
    }

    private void reportsCrossEncrypted(SrtpSuite suite, boolean mux) throws Exception {
        String what = suite + (mux ? " muxed" : " on port + 1");
        MediaEngine alice = engine(FileDevice.tone(1000, -10));
        MediaEngine bob = engine(FileDevice.tone(600, -10));
        RtpSession a = (RtpSession) alice.open(LOOPBACK);
        RtpSession b = (RtpSession) bob.open(LOOPBACK);
        // the tap stands between them: RTP and RTCP (muxed, or on port + 1) pass through it both ways
        int tapPort = FreePorts.evenUdpPair();
        DatagramSocket tapRtp = new DatagramSocket(new InetSocketAddress(LOOPBACK, tapPort));
        DatagramSocket tapRtcp = new DatagramSocket(new InetSocketAddress(LOOPBACK, tapPort + 1));
        toClose.add(tapRtp);
        toClose.add(tapRtcp);
        List<byte[]> reports = new CopyOnWriteArrayList<>();
        for (DatagramSocket tap : List.of(tapRtp, tapRtcp)) {
            Thread relay = new Thread(() -> {
                byte[] buffer = new byte[2048];
                while (!tap.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                        tap.receive(p);
                        byte[] copy = Arrays.copyOf(p.getData(), p.getLength());
                        int alicePort = a.localAddress().getPort();
                        boolean fromAlice = p.getPort() == alicePort || p.getPort() == alicePort + 1;
                        if (fromAlice && RtcpPacket.isMuxedRtcp(copy, copy.length)) {
                            reports.add(copy);
                        }
                        int to = (fromAlice ? b : a).localAddress().getPort() + (tap == tapRtp ? 0 : 1);
                        tap.send(new DatagramPacket(copy, copy.length, new InetSocketAddress(LOOPBACK, to)));
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "tap-" + tap.getLocalPort());
            relay.setDaemon(true);
            relay.start();
        }
        SrtpPolicy aliceKey = SrtpPolicy.random(suite);
        SrtpPolicy bobKey = SrtpPolicy.random(suite);
        a.setPacketTransform(SrtpTransform.of(aliceKey, bobKey));
        b.setPacketTransform(SrtpTransform.of(bobKey, aliceKey));
        a.start(new FarEnd((InetSocketAddress) tapRtp.getLocalSocketAddress(), null, Codec.PCMU, 101, mux));
        b.start(new FarEnd((InetSocketAddress) tapRtp.getLocalSocketAddress(), null, Codec.PCMU, 101, mux));

        Wait.until(what + ": each end read a report of the other", Duration.ofSeconds(30),
                () -> a.stats().remote().reports() >= 1 && b.stats().remote().reports() >= 1);
        assertEquals(0, a.stats().packetsRefused() + b.stats().packetsRefused(), what + ": nothing refused");
        assertEquals(0, a.stats().packetsInvalid() + b.stats().packetsInvalid(), what + ": nothing invalid");
        int before = reports.size();
        assertTrue(before >= 1, what + ": the tap saw Alice's reports");
        a.close();
        Wait.until(what + ": Alice's closing report (BYE) through the tap", Duration.ofSeconds(10),
                () -> reports.size() > before);
        int tag = suite.rtcpTagBytes();
        for (byte[] report : reports) {
            assertFalse(plainCompound(report), what + ": a report in clear on the wire");
            assertTrue(report.length > 8 + 4 + tag, what + ": room for the SRTCP index and tag");
            assertTrue((report[report.length - tag - 4] & 0x80) != 0, what + ": the E flag (encrypted) is set");
        }
        b.close();
    }

    /** True when {@code data} parses as a plain RTCP compound packet (RFC 3550 §6.1): lengths add up exactly. */
    private static boolean plainCompound(byte[] data) {
        int at = 0;
        while (at + 4 <= data.length) {
            int type = data[at + 1] & 0xFF;
            if (((data[at] >> 6) & 3) != 2 || type < 200 || type > 204) {
                return false;
            }
            at += 4 * ((((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF)) + 1);
        }
        return at == data.length;
    }

    private static void assertTone(short[] heard, double hz) {
        int from = heard.length / 2;
        int length = 8000;
        assertTrue(heard.length > from + length, "enough audio recorded: " + heard.length);
        double dominant = Goertzel.dominantFrequency(heard, from, length, 8000, 300, 3400);
        assertEquals(hz, dominant, 30, "dominant frequency heard");
        assertTrue(Goertzel.levelDbfs(heard, from, length) > -30, "audible");
    }

    private static double entropyBits(byte[] data) {
        int[] counts = new int[256];
        for (byte b : data) {
            counts[b & 0xFF]++;
        }
        double bits = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / (double) data.length;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }
}
