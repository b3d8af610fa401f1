package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 4733 against independent implementations: what the terminal sends is decoded by Wireshark's dissector
 * (tshark on loopback) and echoed by sipp; what sipp plays from its own DTMF captures is decoded by the terminal.
 */
class SippDtmfTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path SIPP_PCAPS = Path.of("/usr/share/sip-tester");

    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private MediaEngine engine;

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    private MediaEngine engine() {
        int port = FreePorts.evenUdpPair();
        engine = new MediaEngine(TestAudio.config(), port, port + 1, FileDevice.tone(440, -20));
        return engine;
    }

    @Test
    void digitsLeaveAsTelephoneEventsAndComeBackFromSippsEcho(@TempDir Path dir) throws Exception {
        String sipp = Peers.require("sipp");
        String tshark = Peers.require("tshark");
        int sipPort = FreePorts.udpAndTcp();
        int mediaPort = FreePorts.evenUdpPair();
        start(new ProcessBuilder(sipp, "-sn", "uas", "-rtp_echo", "-i", "127.0.0.1", "-p", Integer.toString(sipPort),
                "-mp", Integer.toString(mediaPort), "-nostdin").redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.log").toFile()));
        MediaSession session = engine().open(LOOPBACK);
        int local = session.localAddress().getPort();
        Path capture = dir.resolve("events.txt");
        Path tsharkLog = dir.resolve("tshark.log");
        start(new ProcessBuilder(tshark, "-l", "-i", "lo", "-f", "udp src port " + local,
                "-d", "udp.port==" + local + ",rtp", "-T", "fields", "-E", "separator=,",
                "-e", "rtp.p_type", "-e", "rtp.marker", "-e", "rtp.timestamp",
                "-e", "rtpevent.event_id", "-e", "rtpevent.end_of_event", "-e", "rtpevent.volume",
                "-e", "rtpevent.duration")
                .redirectOutput(capture.toFile()).redirectError(tsharkLog.toFile()));
        Wait.until("tshark capturing", Duration.ofSeconds(30),
                () -> read(tsharkLog).contains("Capturing on"));
        List<Character> echoed = new CopyOnWriteArrayList<>();
        session.setDtmfListener(echoed::add);
        session.start(new InetSocketAddress(LOOPBACK, mediaPort), Codec.PCMU, 101);
        // "Capturing on" comes a little before the capture really runs: wait until tshark sees our voice
        Wait.until("tshark sees the voice packets", Duration.ofSeconds(30),
                () -> read(capture).lines().anyMatch(l -> l.startsWith("0,")));
        session.sendDtmf('4');
        session.sendDtmf('#');
        Wait.until("both digits echoed back", Duration.ofSeconds(15), () -> echoed.size() >= 2);
        assertEquals(List.of('4', '#'), echoed);
        Wait.until("tshark saw the end packets", Duration.ofSeconds(15),
                () -> read(capture).lines().filter(l -> l.startsWith("101,")).count() >= 16);

        List<String[]> events = read(capture).lines().filter(l -> l.startsWith("101,")).map(l -> l.split(","))
                .toList();
        for (int digit = 0; digit < 2; digit++) {
            List<String[]> one = events.subList(digit * 8, digit * 8 + 8);
            String event = digit == 0 ? "4" : "11";
            for (int i = 0; i < 8; i++) {
                String[] f = one.get(i);
                assertEquals(one.get(0)[2], f[2], "one timestamp per event");
                assertEquals(event, f[3]);
                assertEquals(i == 0 ? "1" : "0", normalise(f[1]), "marker on the first packet only");
                assertEquals(i >= 5 ? "1" : "0", normalise(f[4]), "end bit on the last three");
                assertEquals("10", f[5], "volume");
                assertEquals(Integer.toString(Math.min(i + 1, 5) * 160), f[6], "duration");
            }
        }
    }

    private static String normalise(String flag) {
        return "True".equalsIgnoreCase(flag) ? "1" : "False".equalsIgnoreCase(flag) ? "0" : flag;
    }

    @Test
    void digitsPlayedBySippAreDecoded(@TempDir Path dir) throws Exception {
        String sipp = Peers.require("sipp");
        Path one = SIPP_PCAPS.resolve("dtmf_2833_1.pcap");
        Path pound = SIPP_PCAPS.resolve("dtmf_2833_pound.pcap");
        assertTrue(Files.exists(one) && Files.exists(pound), "sipp's DTMF captures in " + SIPP_PCAPS);
        String scenario = new String(getClass().getResourceAsStream("/media/uas-dtmf.xml").readAllBytes(),
                StandardCharsets.UTF_8).replace("DTMF_ONE", one.toString()).replace("DTMF_POUND", pound.toString());
        Path xml = dir.resolve("uas-dtmf.xml");
        Files.writeString(xml, scenario);
        int sipPort = FreePorts.udpAndTcp();
        int mediaPort = FreePorts.evenUdpPair();
        start(new ProcessBuilder(sipp, "-sf", xml.toString(), "-i", "127.0.0.1", "-p", Integer.toString(sipPort),
                "-mp", Integer.toString(mediaPort), "-m", "1", "-nostdin").redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.log").toFile()));
        MediaSession session = engine().open(LOOPBACK);
        List<Character> digits = new CopyOnWriteArrayList<>();
        session.setDtmfListener(digits::add);

        try (DatagramSocket sip = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            sip.setSoTimeout(1000);
            InetSocketAddress uas = new InetSocketAddress(LOOPBACK, sipPort);
            String ok = null;
            for (int attempt = 0; attempt < 10 && ok == null; attempt++) { // sipp may still be starting
                send(sip, uas, invite(sip.getLocalPort(), sipPort, session.localAddress().getPort()));
                ok = receive(sip, "SIP/2.0 200");
            }
            assertTrue(ok != null, "sipp answered");
            Matcher m = Pattern.compile("m=audio (\\d+)").matcher(ok);
            assertTrue(m.find(), ok);
            Matcher to = Pattern.compile("(?im)^To: (.*)$").matcher(ok);
            assertTrue(to.find(), ok);
            send(sip, uas, ack(sip.getLocalPort(), sipPort, to.group(1).trim()));
            session.start(new InetSocketAddress(LOOPBACK, Integer.parseInt(m.group(1))), Codec.PCMU, 101);
        }
        Wait.until("two digits from sipp", Duration.ofSeconds(15), () -> digits.size() >= 2);
        assertEquals(List.of('1', '#'), digits);
    }

    private static final String CALL_ID = "dtmf-" + System.nanoTime() + "@127.0.0.1";

    private static String invite(int localPort, int sipPort, int rtpPort) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n";
        return "INVITE sip:service@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:kiosk@127.0.0.1:" + localPort + ">;tag=kiosk1\r\n"
                + "To: <sip:service@127.0.0.1:" + sipPort + ">\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:kiosk@127.0.0.1:" + localPort + ">\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String ack(int localPort, int sipPort, String to) {
        return "ACK sip:service@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:kiosk@127.0.0.1:" + localPort + ">;tag=kiosk1\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** The next message starting with {@code prefix}, or null after a second of silence. */
    private static String receive(DatagramSocket socket, String prefix) throws IOException {
        byte[] buffer = new byte[4096];
        List<String> seen = new ArrayList<>();
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException none) {
                return null;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (text.startsWith(prefix)) {
                return text;
            }
            seen.add(text);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
