package org.hallphone.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The --demo far end, called over real UDP by a caller written out here message by message (so that the test does
 * not lean on the terminal's SIP adapter): it rings, answers, echoes the caller's audio as its own RTP source, takes a
 * BYE, refuses an offer without G.711, and leaves no thread behind.
 */
class DemoContactCentreTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int OUR_SSRC = 0x1234abcd;

    private DemoContactCentre centre;
    private DatagramSocket sip;
    private DatagramSocket rtp;

    @AfterEach
    void tearDown() {
        if (centre != null) {
            centre.close();
        }
        if (sip != null) {
            sip.close();
        }
        if (rtp != null) {
            rtp.close();
        }
    }

    @Test
    void ringsAnswersTalksBackAndTakesABye() throws Exception {
        Set<Thread> before = liveNonDaemon();
        centre = new DemoContactCentre(LOOPBACK, 0);
        centre.start();
        sip = socket();
        rtp = socket();

        send(invite("call-1", offer(rtp.getLocalPort(), "0 8 101")));
        receive("SIP/2.0 180");
        String ok = receive("SIP/2.0 200");
        String toTag = find(ok, "To: [^\r\n]*;tag=([^;\r\n]+)");
        assertEquals("0", find(ok, "m=audio \\d+ RTP/AVP (\\d+)"), "PCMU, the first G.711 format offered");
        assertTrue(ok.contains("a=rtpmap:101 telephone-event/8000"), ok);
        assertTrue(ok.contains("a=rtcp-mux"), "answered because offered: " + ok);
        InetSocketAddress echo = new InetSocketAddress(find(ok, "c=IN IP4 ([0-9.]+)"),
                Integer.parseInt(find(ok, "m=audio (\\d+)")));
        send(inDialog("ACK", 1, "call-1", toTag));

        int echoed = 0;
        for (int seq = 0; seq < 50 && echoed < 10; seq++) {
            byte[] packet = rtpPacket(seq);
            rtp.send(new DatagramPacket(packet, packet.length, echo));
            byte[] back = receiveRtp();
            if (back != null) {
                assertNotEquals(OUR_SSRC, ByteBuffer.wrap(back).getInt(8), "echoed as another RTP source");
                assertArrayEquals(Arrays.copyOfRange(packet, 12, packet.length),
                        Arrays.copyOfRange(back, 12, back.length), "the caller's audio, unchanged");
                echoed++;
            }
        }
        assertEquals(10, echoed, "our audio came back");

        send(inDialog("BYE", 2, "call-1", toTag));
        assertTrue(receive("SIP/2.0 200").contains("CSeq: 2 BYE"));

        centre.close();
        Wait.until("the demo centre's threads stopped", Duration.ofSeconds(10), () -> {
            Set<Thread> now = liveNonDaemon();
            now.removeAll(before);
            return now.isEmpty();
        });
    }

    @Test
    void anOfferWithoutG711IsRefusedAndTheTargetNamesTheAddress() throws Exception {
        int port = FreePorts.udpAndTcp();
        centre = DemoContactCentre.answering("sip:centre@127.0.0.1:" + port + ";transport=udp");
        centre.start();
        assertEquals(port, centre.port());
        sip = socket();
        send(invite("call-2", offer(40000, "18")));
        assertTrue(receive("SIP/2.0 488").contains("CSeq: 1 INVITE"));
    }

    // ---- a caller, message by message -------------------------------------------------------------------------

    private static DatagramSocket socket() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout(500);
        return s;
    }

    private String offer(int rtpPort, String formats) {
        return "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP " + formats + "\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\na=sendrecv\r\na=rtcp-mux\r\n";
    }

    private String headers(String method, int cseq, String callId, String toTag) {
        return "Via: SIP/2.0/UDP 127.0.0.1:" + sip.getLocalPort() + ";branch=z9hG4bK" + method + cseq + callId
                + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:kiosk@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:centre@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:kiosk@127.0.0.1:" + sip.getLocalPort() + ">\r\n";
    }

    private String invite(String callId, String sdp) {
        return "INVITE sip:centre@127.0.0.1:" + centre.port() + " SIP/2.0\r\n" + headers("INVITE", 1, callId, null)
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + sdp;
    }

    private String inDialog(String method, int cseq, String callId, String toTag) {
        return method + " sip:centre@127.0.0.1:" + centre.port() + " SIP/2.0\r\n"
                + headers(method, cseq, callId, toTag) + "Content-Length: 0\r\n\r\n";
    }

    private void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        sip.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(LOOPBACK, centre.port())));
    }

    /** The next message that starts with {@code startLine}, skipping others (100 Trying); within 10 s. */
    private String receive(String startLine) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                sip.receive(in);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String message = new String(buf, 0, in.getLength(), StandardCharsets.UTF_8);
            if (message.startsWith(startLine)) {
                return message;
            }
        }
        throw new AssertionError("no " + startLine + " from the demo centre within 10 s");
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    private static byte[] rtpPacket(int seq) {
        ByteBuffer b = ByteBuffer.allocate(12 + 160);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(OUR_SSRC);
        for (int i = 0; i < 160; i++) {
            b.put((byte) (seq * 7 + i));
        }
        return b.array();
    }

    /** The next echoed packet, or null when none came within the socket's time-out. */
    private byte[] receiveRtp() throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        try {
            rtp.receive(in);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buf, in.getLength());
    }

    private static Set<Thread> liveNonDaemon() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
