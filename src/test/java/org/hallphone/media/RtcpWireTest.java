package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hallphone.call.RemoteReport;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTCP on the wire: the terminal's reports decoded by Wireshark's dissector (tshark on loopback) while sipp echoes
 * its RTP; the far end's receiver reports crafted by the test, from the far end's host and from a stranger's.
 */
class RtcpWireTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long NTP_UNIX_OFFSET_S = 2_208_988_800L;
    private static final String[] FIELDS = {"frame.time_epoch", "udp.srcport", "udp.dstport", "rtp.seq", "rtp.ssrc",
        "rtp.timestamp", "rtcp.pt", "rtcp.senderssrc", "rtcp.timestamp.ntp.msw", "rtcp.timestamp.ntp.lsw",
        "rtcp.timestamp.rtp", "rtcp.sender.packetcount", "rtcp.sender.octetcount", "rtcp.ssrc.identifier",
        "rtcp.ssrc.fraction", "rtcp.ssrc.cum_nr", "rtcp.ssrc.ext_high", "rtcp.ssrc.jitter", "rtcp.sdes.text"};

    @TempDir
    Path dir;

    private Sipp farEnd;
    private MediaEngine engine;
    private Process tshark;

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
        if (tshark != null) {
            tshark.destroy();
            if (!tshark.waitFor(5, TimeUnit.SECONDS)) {
                tshark.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (farEnd != null) {
            farEnd.close();
        }
    }

    /** One captured packet, its fields by name. */
    private record Row(String[] values) {
        String get(String field) {
            for (int i = 0; i < FIELDS.length; i++) {
                if (FIELDS[i].equals(field)) {
                    return i < values.length ? values[i] : "";
                }
            }
            throw new IllegalArgumentException(field);
        }

        long number(String field) {
            return Long.decode(get(field).split(",")[0]);
        }

        boolean rtcp() {
            return !get("rtcp.pt").isEmpty();
        }
    }

    private List<Row> rows(Path capture) {
        List<Row> rows = new ArrayList<>();
        for (String line : read(capture).lines().toList()) {
            rows.add(new Row(line.split(";", -1)));
        }
        return rows;
    }

    @Test
    void reportsAreSentEveryFewSecondsWithPlausibleFiguresAndTheFarEndsAreRead() throws Exception {
        farEnd = Sipp.uas("uas", "-rtp_echo", "-timeout", "120"); // echoes for the whole test
        int port = FreePorts.evenUdpPair();
        engine = new MediaEngine(TestAudio.config(), port, port + 1, FileDevice.tone(440, -20));
        MediaSession session = engine.open(LOOPBACK);
        int rtp = session.localAddress().getPort();
        Path capture = dir.resolve("capture.txt");
        Path log = dir.resolve("tshark.log");
        List<String> command = new ArrayList<>(List.of(Peers.require("tshark"), "-l", "-i", "lo",
                "-f", "udp port " + rtp + " or udp port " + (rtp + 1),
                "-d", "udp.port==" + rtp + ",rtp", "-d", "udp.port==" + (rtp + 1) + ",rtcp",
                "-T", "fields", "-E", "separator=;", "-E", "occurrence=a"));
        for (String field : FIELDS) {
            command.add("-e");
            command.add(field);
        }
        tshark = new ProcessBuilder(command).redirectOutput(capture.toFile()).redirectError(log.toFile()).start();
        Wait.until("tshark capturing", Duration.ofSeconds(30), () -> read(log).contains("Capturing on"));

        session.start(new FarEnd(new InetSocketAddress(LOOPBACK, farEnd.mediaPort), LOOPBACK, Codec.PCMU, -1,
                false));
        Wait.until("three sender reports", Duration.ofSeconds(40),
                () -> rows(capture).stream().filter(r -> r.get("rtcp.pt").startsWith("200")).count() >= 3);

        List<Row> rows = rows(capture);
        long ourSsrc = rows.stream().filter(r -> !r.rtcp() && r.number("udp.srcport") == rtp).findFirst()
                .orElseThrow().number("rtp.ssrc");
        Row previous = null;
        long voiceSincePrevious = 0;
        long lastVoiceTimestamp = -1;
        long lastEchoedSequence = -1;
        int reports = 0;
        for (Row r : rows) {
            if (!r.rtcp()) {
                if (r.number("udp.srcport") == rtp) {
                    voiceSincePrevious++;
                    lastVoiceTimestamp = r.number("rtp.timestamp");
                } else {
                    lastEchoedSequence = r.number("rtp.seq");
                }
                continue;
            }
            System.out.println("RTCP as tshark read it: " + String.join(";", r.values()));
            assertEquals(rtp + 1, r.number("udp.srcport"), "RTCP leaves from the RTP port + 1");
            assertEquals(farEnd.mediaPort + 1, r.number("udp.dstport"), "to the far end's RTP port + 1");
            assertEquals("200,202", r.get("rtcp.pt"), "SR then SDES");
            assertEquals(ourSsrc, r.number("rtcp.senderssrc"));
            long packets = r.number("rtcp.sender.packetcount");
            assertEquals(160 * packets, r.number("rtcp.sender.octetcount"), "160 octets of PCMU per packet");
            assertTrue(Math.abs((int) (r.number("rtcp.timestamp.rtp") - lastVoiceTimestamp)) <= 160,
                    "the SR's RTP time is the voice's: " + r.number("rtcp.timestamp.rtp") + " vs "
                            + lastVoiceTimestamp);
            double wall = Double.parseDouble(r.get("frame.time_epoch"));
            assertEquals(wall, r.number("rtcp.timestamp.ntp.msw") - NTP_UNIX_OFFSET_S, 2.0, "NTP time is now");
            assertEquals(16, r.get("rtcp.sdes.text").length(), "a random CNAME: " + r.get("rtcp.sdes.text"));
            assertEquals(ourSsrc, r.number("rtcp.ssrc.identifier"), "the block is about sipp's echo of our SSRC");
            assertEquals(0, r.number("rtcp.ssrc.fraction"), "nothing lost on loopback");
            assertEquals(0, r.number("rtcp.ssrc.cum_nr"));
            assertTrue(Math.abs((short) (r.number("rtcp.ssrc.ext_high") - lastEchoedSequence)) <= 2,
                    "highest sequence " + r.number("rtcp.ssrc.ext_high") + " vs echoed " + lastEchoedSequence);
            long jitter = r.number("rtcp.ssrc.jitter");
            assertTrue(jitter >= 0 && jitter < 800, "jitter under 100 ms on loopback: " + jitter);
            if (previous != null) {
                long delta = packets - previous.number("rtcp.sender.packetcount");
                assertTrue(Math.abs(delta - voiceSincePrevious) <= 1,
                        "the SR counts the voice packets sent: " + delta + " vs " + voiceSincePrevious + " seen");
                double interval = wall - Double.parseDouble(previous.get("frame.time_epoch"));
                assertTrue(interval >= 2.0 && interval <= 9.0, "about 5 s (0.5-1.5 x) apart: " + interval);
            }
            previous = r;
            voiceSincePrevious = 0;
            reports++;
        }
        assertTrue(reports >= 3);

        // the far end's receiver reports: from its host they count, from a stranger's they do not
        long lsr = ((previous.number("rtcp.timestamp.ntp.msw") & 0xFFFF) << 16)
                | (previous.number("rtcp.timestamp.ntp.lsw") >>> 16);
        double srAt = Double.parseDouble(previous.get("frame.time_epoch"));
        InetSocketAddress ourRtcp = new InetSocketAddress(LOOPBACK, rtp + 1);
        try (DatagramSocket far = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.66"),
                     0))) {
            long dlsr = (long) ((System.currentTimeMillis() / 1000.0 - srAt) * 65536);
            send(far, ourRtcp, receiverReport(0x5EED, ourSsrc, 64, 1234, 400, lsr, dlsr));
            Wait.until("the far end's report read", Duration.ofSeconds(10),
                    () -> session.stats().remote().reports() == 1);
            RemoteReport first = session.stats().remote();
            assertEquals(0.25, first.fractionLost(), 1e-9);
            assertEquals(1234, first.cumulativeLost());
            assertEquals(50.0, first.jitterMillis(), 1e-9, "400 samples at 8 kHz");
            assertTrue(first.roundTripMillis() >= 0 && first.roundTripMillis() < 1000,
                    "round trip on loopback, from LSR/DLSR: " + first.roundTripMillis());

            long foreignBefore = session.stats().packetsForeign();
            send(stranger, ourRtcp, receiverReport(0xBAD, ourSsrc, 255, 99999, 8000, 0, 0));
            send(far, ourRtcp, receiverReport(0x5EED, ourSsrc, 0, 1300, 80, 0, 0));
            Wait.until("the far end's second report read", Duration.ofSeconds(10),
                    () -> session.stats().remote().cumulativeLost() == 1300);
            assertEquals(2, session.stats().remote().reports(), "the stranger's report was not read");
            assertTrue(session.stats().packetsForeign() > foreignBefore, "the stranger's report was counted");
        }

        session.close();
        Wait.until("the BYE on the wire", Duration.ofSeconds(10),
                () -> rows(capture).stream().anyMatch(r -> r.get("rtcp.pt").endsWith("203")));
        Row bye = rows(capture).stream().filter(r -> r.get("rtcp.pt").endsWith("203")).findFirst().orElseThrow();
        assertEquals("200,202,203", bye.get("rtcp.pt"), "SR, SDES, BYE last");
    }

    @Test
    void withRtcpMuxTheReportsShareTheRtpPort() throws Exception {
        farEnd = Sipp.uas("uas", "-rtp_echo", "-timeout", "120"); // echoes for the whole test
        int port = FreePorts.evenUdpPair();
        engine = new MediaEngine(TestAudio.config(), port, port + 1, FileDevice.tone(440, -20));
        MediaSession session = engine.open(LOOPBACK);
        int rtp = session.localAddress().getPort();
        Path capture = dir.resolve("capture.txt");
        Path log = dir.resolve("tshark.log");
        List<String> command = new ArrayList<>(List.of(Peers.require("tshark"), "-l", "-i", "lo",
                "-f", "udp port " + rtp + " or udp port " + (rtp + 1), "-d", "udp.port==" + rtp + ",rtp",
                "-T", "fields", "-E", "separator=;", "-E", "occurrence=a"));
        for (String field : FIELDS) {
            command.add("-e");
            command.add(field);
        }
        tshark = new ProcessBuilder(command).redirectOutput(capture.toFile()).redirectError(log.toFile()).start();
        Wait.until("tshark capturing", Duration.ofSeconds(30), () -> read(log).contains("Capturing on"));

        session.start(new FarEnd(new InetSocketAddress(LOOPBACK, farEnd.mediaPort), LOOPBACK, Codec.PCMU, -1, true));
        Wait.until("a muxed sender report", Duration.ofSeconds(30),
                () -> rows(capture).stream().anyMatch(r -> r.get("rtcp.pt").startsWith("200")
                        && r.number("udp.srcport") == rtp && r.number("udp.dstport") == farEnd.mediaPort));
        // sipp echoes everything, our reports too: they come back on the RTP port and are neither played nor
        // taken for the far end's (they are about ourselves)
        Wait.until("the echoed report back", Duration.ofSeconds(10),
                () -> rows(capture).stream().anyMatch(r -> r.get("rtcp.pt").startsWith("200")
                        && r.number("udp.srcport") == farEnd.mediaPort));
        assertTrue(rows(capture).stream().noneMatch(r -> r.number("udp.srcport") == rtp + 1
                        || r.number("udp.dstport") == rtp + 1), "nothing on the RTP port + 1");
        assertEquals(0, session.stats().remote().reports());
        assertEquals(0, session.stats().packetsInvalid(), session.stats().toString());
    }

    private static byte[] receiverReport(long ssrc, long about, int fraction, int lost, long jitter, long lsr,
                                         long dlsr) {
        return RtcpPacket.report(ssrc, null,
                new RtcpPacket.ReportBlock(about, fraction, lost, 0, jitter, lsr, dlsr), "far-end");
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
