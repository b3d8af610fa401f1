package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hallphone.call.CallEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behind NAT the registrar reports, in Via received/rport (RFC 3581), the address it saw; the terminal then
 * registers that address as its Contact. A scripted UDP registrar plays the NAT'd view.
 */
class NatTest {

    private SipPhone phone;

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
    }

    @Test
    void registersThePublicAddressTheRegistrarSaw() throws Exception {
        Events events = new Events();
        List<String> registers = new ArrayList<>();
        InetSocketAddress anyLoopbackPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (DatagramSocket registrar = new DatagramSocket(anyLoopbackPort)) {
            TestKiosk k = new TestKiosk();
            k.registrar = "127.0.0.1:" + registrar.getLocalPort();
            k.user = "kiosk1";
            phone = new SipPhone(k.build(), new FakeMedia(), "nat");
            phone.start(events);
            registrar.setSoTimeout(5_000);
            byte[] buf = new byte[65535];
            for (int i = 0; i < 2; i++) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                registrar.receive(p);
                String request = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
                registers.add(request);
                byte[] ok = ok(request).getBytes(StandardCharsets.UTF_8);
                registrar.send(new DatagramPacket(ok, ok.length, p.getSocketAddress()));
            }
            events.await(CallEvent.RegistrationChanged.class, CallEvent.RegistrationChanged::registered);
        }
        assertFalse(registers.get(0).contains("192.0.2.7"), registers.get(0));
        assertTrue(registers.get(1).matches("(?s).*Contact: <sip:hp[0-9a-f]{24}@192\\.0\\.2\\.7:40000>.*"),
                "the registered Contact: a random user at the public address: " + registers.get(1));
    }

    @Test
    void anAddressChangeRebindsAndRegistersAgain() throws Exception {
        Events events = new Events();
        java.util.concurrent.atomic.AtomicReference<InetAddress> current =
                new java.util.concurrent.atomic.AtomicReference<>(InetAddress.getByName("127.0.0.1"));
        InetSocketAddress anyLoopbackPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (DatagramSocket registrar = new DatagramSocket(anyLoopbackPort)) {
            TestKiosk k = new TestKiosk();
            k.localAddress = "";
            k.registrar = "127.0.0.1:" + registrar.getLocalPort();
            k.user = "kiosk1";
            phone = new SipPhone(k.build(), new FakeMedia(), "move",
                    SipPhone.Options.DEFAULTS.withAddressChooser((peers, resolver) -> current.get(), 200));
            phone.start(events);
            registrar.setSoTimeout(10_000);
            String first = answerOne(registrar, false);
            assertTrue(first.matches("(?s).*Contact: <sip:hp[0-9a-f]{24}@127\\.0\\.0\\.1:.*"), first);

            current.set(InetAddress.getByName("127.0.0.2")); // a new DHCP lease, say
            String second = answerOne(registrar, false);
            assertTrue(second.matches("(?s).*Contact: <sip:hp[0-9a-f]{24}@127\\.0\\.0\\.2:.*"), second);
            assertTrue(phone.status().localContact().startsWith("127.0.0.2:"), phone.status().toString());
        }
    }

    private static String answerOne(DatagramSocket registrar, boolean nat) throws Exception {
        byte[] buf = new byte[65535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            registrar.receive(p);
            String request = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
            if (!request.startsWith("REGISTER")) {
                continue;
            }
            String reply = nat ? ok(request) : ok(request).replace(";rport=40000;received=192.0.2.7", "");
            byte[] b = reply.getBytes(StandardCharsets.UTF_8);
            registrar.send(new DatagramPacket(b, b.length, p.getSocketAddress()));
            return request;
        }
    }

    /** 200 OK as a registrar behind which the terminal appears as 192.0.2.7:40000. */
    private static String ok(String request) {
        StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\n");
        String contact = "";
        for (String line : request.split("\r\n")) {
            if (line.startsWith("Via:")) {
                sb.append(line.replace(";rport", ";rport=40000;received=192.0.2.7")).append("\r\n");
            } else if (line.startsWith("From:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:")) {
                sb.append(line).append("\r\n");
            } else if (line.startsWith("To:")) {
                sb.append(line).append(";tag=nat\r\n");
            } else if (line.startsWith("Contact:")) {
                contact = line;
            }
        }
        return sb.append(contact).append(";expires=600\r\nContent-Length: 0\r\n\r\n").toString();
    }
}
