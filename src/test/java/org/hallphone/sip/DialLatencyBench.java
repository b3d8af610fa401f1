package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not part of the normal suite (surefire runs *Test classes only): time from {@link SipPhone#dial} to the
 * INVITE arriving at a UDP socket on loopback, over 20 dials. Run with
 * {@code mvn -o -q test -Dtest=DialLatencyBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DialLatencyBench {

    @Test
    void dialToInvite() throws Exception {
        try (DatagramSocket far = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SipPhone phone = new SipPhone(new TestKiosk().build(), new FakeMedia(), "bench")) {
            phone.start(new Events());
            far.setSoTimeout(5_000);
            String target = "sip:reps@127.0.0.1:" + far.getLocalPort();
            List<Long> micros = new ArrayList<>();
            byte[] buf = new byte[65535];
            for (int i = 1; i <= 25; i++) {
                long start = System.nanoTime();
                phone.dial(i, target, 1);
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    far.receive(p);
                    String text = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
                    if (text.startsWith("INVITE ") && text.contains("X-Hallphone-Attempt: 1")
                            && text.contains("CSeq: 1 INVITE")) {
                        break;
                    }
                }
                long took = (System.nanoTime() - start) / 1_000;
                if (i > 5) {
                    micros.add(took); // the first few warm the JIT up
                }
                phone.hangUp(i);
            }
            Collections.sort(micros);
            assertEquals(20, micros.size());
            System.out.printf("%nBENCH dial() -> INVITE on the wire, 20 dials: median %.2f ms, min %.2f ms, "
                    + "max %.2f ms%n", micros.get(10) / 1000.0, micros.get(0) / 1000.0, micros.get(19) / 1000.0);
        }
    }
}
