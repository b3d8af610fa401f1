package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The "representative is speaking" reading of the engine, driven by real audio: sipp answers, stays silent for
 * 1.5 s, then plays its own G.711 A-law capture to the terminal; the reading goes on while the voice arrives and
 * off again when it stops.
 */
class FarEndSpeakingTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path VOICE = Path.of("/usr/share/sip-tester/g711a.pcap");

    private Process sipp;
    private MediaEngine engine;

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null) {
            engine.close();
        }
        if (sipp != null) {
            sipp.destroy();
            if (!sipp.waitFor(5, TimeUnit.SECONDS)) {
                sipp.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void sippsVoiceCaptureLightsTheSignAndSilencePutsItOut(@TempDir Path dir) throws Exception {
        String sippBinary = Peers.require("sipp");
        assertTrue(Files.exists(VOICE), "sipp's G.711 capture " + VOICE);
        String scenario = new String(getClass().getResourceAsStream("/media/uas-voice.xml").readAllBytes(),
                StandardCharsets.UTF_8).replace("VOICE_PCAP", VOICE.toString());
        Path xml = dir.resolve("uas-voice.xml");
        Files.writeString(xml, scenario);
        int sipPort = FreePorts.udpAndTcp();
        int mediaPort = FreePorts.evenUdpPair();
        sipp = new ProcessBuilder(sippBinary, "-sf", xml.toString(), "-i", "127.0.0.1", "-p",
                Integer.toString(sipPort), "-mp", Integer.toString(mediaPort), "-m", "1", "-nostdin")
                .redirectErrorStream(true).redirectOutput(dir.resolve("sipp.log").toFile()).start();
        int port = FreePorts.evenUdpPair();
        engine = new MediaEngine(TestAudio.config(), port, port + 1, FileDevice.tone(440, -20));
        assertFalse(engine.earpiece().farEndSpeaking(), "no call, nobody speaking");
        MediaSession session = engine.open(LOOPBACK);

        String callId = "voice-" + System.nanoTime() + "@127.0.0.1";
        try (DatagramSocket sip = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            sip.setSoTimeout(1000);
            InetSocketAddress uas = new InetSocketAddress(LOOPBACK, sipPort);
            String ok = null;
            for (int attempt = 0; attempt < 10 && ok == null; attempt++) { // sipp may still be starting
                send(sip, uas, invite(callId, sip.getLocalPort(), sipPort, session.localAddress().getPort()));
                ok = receive(sip);
            }
            assertTrue(ok != null, "sipp answered");
            Matcher m = Pattern.compile("m=audio (\\d+)").matcher(ok);
            assertTrue(m.find(), ok);
            Matcher to = Pattern.compile("(?im)^To: (.*)$").matcher(ok);
            assertTrue(to.find(), ok);
            send(sip, uas, ack(callId, sip.getLocalPort(), sipPort, to.group(1).trim()));
            session.start(new InetSocketAddress(LOOPBACK, Integer.parseInt(m.group(1))), Codec.PCMU, 101);
        }
        assertFalse(engine.earpiece().farEndSpeaking(), "answered, sipp still silent");
        Wait.until("the far end's voice is detected", Duration.ofSeconds(20),
                () -> engine.earpiece().farEndSpeaking());
        long[] last = {-1, System.nanoTime()};
        Wait.until("sipp's capture has ended (no packet for 1.5 s)", Duration.ofSeconds(30), () -> {
            long now = session.stats().packetsReceived();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] > 1_500_000_000L;
        });
        assertTrue(last[0] >= 200, "sipp's capture arrived: " + last[0] + " packets");
        assertFalse(engine.earpiece().farEndSpeaking(), "silence after the voice");
    }

    private static String invite(String callId, int localPort, int sipPort, int rtpPort) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n";
        return "INVITE sip:service@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:kiosk@127.0.0.1:" + localPort + ">;tag=kiosk1\r\n"
                + "To: <sip:service@127.0.0.1:" + sipPort + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:kiosk@127.0.0.1:" + localPort + ">\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String ack(String callId, int localPort, int sipPort, String to) {
        return "ACK sip:service@127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:kiosk@127.0.0.1:" + localPort + ">;tag=kiosk1\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 ACK\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** sipp's 200 OK, or null after a second of silence. */
    private static String receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[4096];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException none) {
                return null;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (text.startsWith("SIP/2.0 200")) {
                return text;
            }
        }
    }
}
