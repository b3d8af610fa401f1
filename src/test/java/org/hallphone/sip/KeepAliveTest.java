package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hallphone.config.SipConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** UDP keep-alives reach the outbound proxy: CRLF pairs or OPTIONS, as configured. */
class KeepAliveTest {

    private SipPhone phone;

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
    }

    private String firstPacket(SipConfig.KeepAliveMethod method) throws Exception {
        try (DatagramSocket proxy = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            TestKiosk k = new TestKiosk();
            k.proxy = "127.0.0.1:" + proxy.getLocalPort();
            k.keepAlive = Duration.ofSeconds(1);
            k.keepAliveMethod = method;
            phone = new SipPhone(k.build(), new FakeMedia(), "ka");
            phone.start(new Events());
            proxy.setSoTimeout(5_000);
            byte[] buf = new byte[4096];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            proxy.receive(p);
            assertEquals(phone.localPort(), p.getPort(), "sent from the SIP port, so the NAT binding is the same");
            return new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void crlfKeepAlive() throws Exception {
        assertEquals("\r\n\r\n", firstPacket(SipConfig.KeepAliveMethod.CRLF));
    }

    @Test
    void optionsKeepAlive() throws Exception {
        String options = firstPacket(SipConfig.KeepAliveMethod.OPTIONS);
        assertTrue(options.startsWith("OPTIONS sip:127.0.0.1:"), options);
        assertTrue(options.contains(";rport"), options);
    }
}
