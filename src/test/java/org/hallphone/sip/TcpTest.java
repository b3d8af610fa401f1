package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIP over TCP: a call, and senders that are too slow or too big cannot starve the stack. */
class TcpTest {

    private final Events events = new Events();
    private SipPhone phone;
    private Sipp sipp;

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
        if (sipp != null) {
            sipp.close();
        }
    }

    private void startPhone(int maxMessageBytes) {
        TestKiosk k = new TestKiosk();
        k.transport = SipConfig.Transport.TCP;
        k.maxMessageBytes = maxMessageBytes;
        phone = new SipPhone(k.build(), new FakeMedia(), "tcp");
        phone.start(events);
    }

    @Test
    void callOverTcp() throws Exception {
        sipp = Sipp.uas("uas", "-t", "t1", "-rtp_echo");
        startPhone(65535);
        phone.dial(1, sipp.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        assertTrue(sipp.messageLog().contains("Via: SIP/2.0/TCP"), sipp.messageLog());
        phone.hangUp(1);
        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(15)), sipp.diagnostics());
    }

    @Test
    void slowSenderIsCutOffAndDoesNotStarveOthers() throws Exception {
        startPhone(65535);
        try (Socket slow = connect()) {
            slow.getOutputStream().write("OPTIONS sip:kiosk@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0"
                    .getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            try (Socket other = connect()) {
                assertEquals(200, optionsOver(other), "another connection is served meanwhile");
            }
            slow.setSoTimeout((SipEndpoint.READ_TIMEOUT_MS + 5_000));
            assertTrue(closedByPeer(slow.getInputStream()), "the slow sender's connection is closed");
        }
    }

    @Test
    void oversizedMessageIsRefused() throws Exception {
        startPhone(8192);
        try (Socket big = connect()) {
            OutputStream out = big.getOutputStream();
            int size = 20_000;
            String head = "MESSAGE sip:kiosk@127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-big\r\n"
                    + "From: <sip:flood@127.0.0.1>;tag=f\r\nTo: <sip:kiosk@127.0.0.1>\r\n"
                    + "Call-ID: big@127.0.0.1\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: " + size + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(new byte[size]);
                out.flush();
            } catch (IOException reset) {
                // closed under our feet: also a refusal
            }
            big.setSoTimeout(5_000);
            assertTrue(closedByPeer(big.getInputStream()), "connection closed without serving the message");
        }
        try (Socket next = connect()) {
            assertEquals(200, optionsOver(next), "still serves normal requests");
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), phone.localPort());
    }

    private static int optionsOver(Socket s) throws IOException {
        int port = s.getLocalPort();
        String options = "OPTIONS sip:kiosk@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + port + ";branch=z9hG4bK-o" + port + "\r\n"
                + "From: <sip:monitor@127.0.0.1>;tag=m\r\nTo: <sip:kiosk@127.0.0.1>\r\n"
                + "Call-ID: o" + port + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        s.getOutputStream().write(options.getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(5_000);
        byte[] buf = new byte[12];
        int n = s.getInputStream().readNBytes(buf, 0, 12);
        String status = new String(buf, 0, n, StandardCharsets.US_ASCII);
        return Integer.parseInt(status.substring(8, 11));
    }

    private static boolean closedByPeer(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return true;
                }
                String got = new String(buf, 0, n, StandardCharsets.US_ASCII);
                if (got.startsWith("SIP/2.0 2")) {
                    return false;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
