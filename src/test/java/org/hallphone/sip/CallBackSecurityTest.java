package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.hallphone.testing.Kamailio;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Call-backs and unsolicited traffic from outside the running terminal: forged UDP INVITEs that claim the PBX's
 * address (a socket bound to that address on loopback sends exactly what a forged packet looks like), a stranger
 * flooding from a second loopback address (127.0.0.66), and sipp as the registrar/PBX and as the representative.
 */
class CallBackSecurityTest {

    /** A host on the same network that is not the PBX. */
    private static final String STRANGER = "127.0.0.66";

    private final Events events = new Events();
    private final FakeMedia media = new FakeMedia();
    private final List<AutoCloseable> peers = new ArrayList<>();
    private SipPhone phone;

    @AfterEach
    void tearDown() throws Exception {
        if (phone != null) {
            phone.close();
        }
        for (AutoCloseable p : peers) {
            p.close();
        }
    }

    private void startPhone(TestKiosk k) {
        phone = new SipPhone(k.build(), media, "2.0");
        phone.start(events);
    }

    /** F2 (UDP), F8 (sip side), F13: the registered Contact is the key; the PBX's source address is not. */
    @Test
    void forgedUdpCallBackFromThePbxAddressNeverRingsButTheRegistrarsDoesEvenUnderAFlood() throws Exception {
        Sipp pbx = Sipp.uas("registrar-callback.xml", "-rtp_echo");
        peers.add(pbx);
        TestKiosk k = new TestKiosk();
        k.registrar = "127.0.0.1:" + pbx.port;
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        startPhone(k);
        events.await(CallEvent.RegistrationChanged.class, CallEvent.RegistrationChanged::registered);

        try (DatagramSocket forger = udp("127.0.0.1"); Flood flood = new Flood(phone.localPort())) {
            // the forged call-back: from the PBX's address, to the terminal's well-known user
            send(forger, invite("ivanovo-onco-hall1", "127.0.0.1", forger.getLocalPort(), "127.0.0.1"));
            assertEquals(403, status(receive(forger, Duration.ofSeconds(5))), "refused");

            CallEvent.IncomingCall call = events.await(CallEvent.IncomingCall.class);
            assertEquals(1, events.of(CallEvent.IncomingCall.class).size(), "only the registrar's call-back rang");
            assertEquals("sip:rep@127.0.0.1", call.from(), "the validated URI, not the display name =HYPERLINK(1)");
            phone.answer(call.attemptId());
            events.await(CallEvent.AttemptAnswered.class, e -> e.attemptId() == call.attemptId());
            assertEquals(call.attemptId(), events.await(CallEvent.RemoteHungUp.class).attemptId());
            assertEquals(0, pbx.awaitExit(Duration.ofSeconds(20)), pbx.diagnostics());
            assertNull(receive(forger, Duration.ofMillis(100)), "the 403 was sent once: no transaction kept it");
            assertTrue(flood.sent.get() >= 20, "the flood ran: " + flood.sent.get());
        }

        String register = pbx.messageLog();
        Matcher contact = Pattern.compile("Contact: <sip:(hp[0-9a-f]{24})@").matcher(register);
        assertTrue(contact.find(), "a random Contact user was registered: " + register);
        assertTrue(Pattern.compile("branch=z9hG4bK[0-9a-f]{24}[;\\r\\n]").matcher(register).find(),
                "our own SecureRandom branch (F13): " + register);
        assertTrue(Pattern.compile("From: .*;tag=[0-9a-f]{16}\\r?\\n").matcher(register).find(),
                "a 64-bit tag: " + register);
        assertTrue(Pattern.compile("Call-ID: [0-9a-f]{32}\\r?\\n").matcher(register).find(),
                "a 128-bit Call-ID: " + register);
    }

    /**
     * F2 with a real registrar: Kamailio's lookup delivers the call-back to the registered Contact and it rings; the
     * same call sent to the terminal's own address by an allowed host over UDP does not.
     */
    @Test
    void kamailioDeliversTheCallBackToTheRegisteredContactAndADirectOneIsRefused() throws Exception {
        Kamailio kamailio = new Kamailio("kiosk", "secret", "127.0.0.1:9", 60).start();
        peers.add(kamailio);
        TestKiosk k = new TestKiosk();
        k.registrar = kamailio.registrar();
        k.user = "kiosk";
        k.password = "secret";
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        startPhone(k);
        events.await(CallEvent.RegistrationChanged.class, CallEvent.RegistrationChanged::registered);

        Sipp direct = Sipp.uac(phone.localPort(), "uac-callback.xml", "-set", "mediaip", "127.0.0.1");
        peers.add(direct);
        assertNotEquals(0, direct.awaitExit(Duration.ofSeconds(20)));
        assertTrue(direct.messageLog().contains("SIP/2.0 403"), direct.messageLog());

        Sipp viaRegistrar = Sipp.uac(kamailio.port, "uac-callback.xml", "-set", "mediaip", "127.0.0.1",
                "-rtp_echo");
        peers.add(viaRegistrar);
        CallEvent.IncomingCall call = events.await(CallEvent.IncomingCall.class);
        assertEquals(1, events.of(CallEvent.IncomingCall.class).size(), "only the registrar's delivery rang");
        phone.answer(call.attemptId());
        try {
            events.await(CallEvent.AttemptAnswered.class, e -> e.attemptId() == call.attemptId());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + viaRegistrar.messageLog() + "\n" + kamailio.log(), e);
        }
        assertEquals(call.attemptId(), events.await(CallEvent.RemoteHungUp.class).attemptId());
        assertEquals(0, viaRegistrar.awaitExit(Duration.ofSeconds(20)),
                viaRegistrar.diagnostics() + "\n" + kamailio.log());
    }

    /** F5: a stranger's INVITEs cost no transaction, few answers and few log lines; the far end's BYE gets through. */
    @Test
    void aStrangersFloodCostsNothingAndTheFarEndsByeStillEndsTheCall() throws Exception {
        Sipp far = Sipp.uas("uas-remote-bye.xml", "-rtp_echo");
        peers.add(far);
        startPhone(new TestKiosk());
        try (LogCapture log = new LogCapture(); Flood flood = new Flood(phone.localPort())) {
            Wait.until("the flood started", Duration.ofSeconds(10), () -> flood.sent.get() >= 20);
            phone.dial(1, far.target(), 1);
            events.await(CallEvent.AttemptAnswered.class);
            assertEquals(1, events.await(CallEvent.RemoteHungUp.class).attemptId(), "the far end's BYE got through");
            assertEquals(0, far.awaitExit(Duration.ofSeconds(15)), far.diagnostics());
            Wait.until("40 INVITEs flooded", Duration.ofSeconds(30), () -> flood.sent.get() >= 40);
            flood.stop();

            int sent = flood.sent.get();
            int answered = flood.answers.get();
            // a burst of 10, then 2 a second (SourceLimiter), with some slack for timing
            assertTrue(answered <= 10 + sent / 10 * 2 + 4,
                    answered + " answers to " + sent + " INVITEs: over the per-source budget");
            long lines = log.countAtLeast(Level.INFO, "org.hallphone", STRANGER);
            System.out.println("flood: " + sent + " INVITEs, " + answered + " answers, " + lines + " log lines");
            assertTrue(lines <= 3, lines + " log lines about the stranger for " + sent + " INVITEs:\n" + log.text());
            assertTrue(events.of(CallEvent.IncomingCall.class).isEmpty(), "nothing rang");
        }
    }

    /** F21: OPTIONS tells strangers nothing; a peer (here the call target's host) still gets 200. */
    @Test
    void optionsIsAnsweredToPeersOnly() throws Exception {
        startPhone(new TestKiosk());
        try (DatagramSocket stranger = udp(STRANGER); DatagramSocket peer = udp("127.0.0.1")) {
            send(stranger, options(STRANGER, stranger.getLocalPort()));
            send(peer, options("127.0.0.1", peer.getLocalPort()));
            assertEquals(200, status(receive(peer, Duration.ofSeconds(5))), "the peer is answered");
            assertNull(receive(stranger, Duration.ofMillis(300)), "the stranger (asked first) is not");
        }
    }

    /** F2 (media): nothing is sent before the ACK; media into an address nobody vouches for is refused. */
    @Test
    void callBackMediaStartsOnlyWithItsAckAndOnlyToTheSignallingAddress() throws Exception {
        TestKiosk k = new TestKiosk();
        k.transport = SipConfig.Transport.TCP;
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        startPhone(k);

        Sipp elsewhere = Sipp.uac(phone.localPort(), "uac-late-ack.xml", "-t", "t1", "-set", "mediaip", "192.0.2.9");
        peers.add(elsewhere);
        assertNotEquals(0, elsewhere.awaitExit(Duration.ofSeconds(20)));
        assertTrue(elsewhere.messageLog().contains("SIP/2.0 488"), elsewhere.messageLog());
        assertTrue(events.of(CallEvent.IncomingCall.class).isEmpty(), "media to 192.0.2.9: did not ring");

        Sipp representative = Sipp.uac(phone.localPort(), "uac-late-ack.xml", "-t", "t1", "-set", "mediaip",
                "127.0.0.1", "-rtp_echo");
        peers.add(representative);
        CallEvent.IncomingCall call = events.await(CallEvent.IncomingCall.class);
        phone.answer(call.attemptId());
        Wait.until("the representative got our 200", Duration.ofSeconds(10),
                () -> representative.messageLog().contains("SIP/2.0 200"));
        FakeMedia.Session session = media.last();
        assertFalse(session.started, "no media before the ACK");
        assertTrue(events.of(CallEvent.AttemptAnswered.class).isEmpty(), "not answered before the ACK");
        events.await(CallEvent.AttemptAnswered.class, e -> e.attemptId() == call.attemptId());
        assertTrue(session.started, "media with the ACK");
        assertEquals(0, representative.awaitExit(Duration.ofSeconds(20)), representative.diagnostics());
    }

    /** F10: idle TCP connections from a stranger hold at most the cap of threads; the patient's calls go on. */
    @Test
    void idleTcpConnectionsAreCappedAndCallsStillGoOut() throws Exception {
        TestKiosk k = new TestKiosk();
        k.transport = SipConfig.Transport.TCP;
        startPhone(k);
        List<java.net.Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < SipEndpoint.MAX_CONNECTIONS + 8; i++) {
                java.net.Socket s = new java.net.Socket();
                s.bind(new InetSocketAddress(InetAddress.getByName(STRANGER), 0));
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), phone.localPort()), 5_000);
                idle.add(s); // the kernel completes the handshake; the stack accepts up to its cap
            }
            Wait.until("the stack accepted up to its cap", Duration.ofSeconds(10),
                    () -> connectionThreads() >= SipEndpoint.MAX_CONNECTIONS);
            Sipp far = Sipp.uas("uas", "-t", "t1", "-rtp_echo");
            peers.add(far);
            phone.dial(1, far.target(), 1);
            events.await(CallEvent.AttemptAnswered.class);
            phone.hangUp(1);
            assertEquals(0, far.awaitExit(Duration.ofSeconds(15)), far.diagnostics());
            assertTrue(connectionThreads() <= SipEndpoint.MAX_CONNECTIONS + 2,
                    connectionThreads() + " connection threads for " + idle.size() + " idle connections");
        } finally {
            for (java.net.Socket s : idle) {
                s.close();
            }
        }
    }

    private static long connectionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("TCPMessageChannelThread")).count();
    }

    // ---- the attacker's tools -------------------------------------------------------------------------------

    /** Ten INVITEs a second from {@link #STRANGER}, each a new call, until closed. */
    private static final class Flood implements AutoCloseable {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger answers = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final DatagramSocket socket;
        private final Thread sender;
        private final Thread reader;

        Flood(int terminalPort) throws IOException {
            socket = udp(STRANGER);
            socket.setSoTimeout(200);
            sender = new Thread(() -> {
                while (running.get()) {
                    try {
                        send(socket, invite("ivanovo-onco-hall1", STRANGER, socket.getLocalPort(), STRANGER),
                                terminalPort);
                        sent.incrementAndGet();
                        Thread.sleep(100);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            }, "flood");
            reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                while (running.get()) {
                    try {
                        socket.receive(new DatagramPacket(buf, buf.length));
                        answers.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "flood-answers");
            sender.start();
            reader.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            sender.join(2_000);
            reader.join(2_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
            socket.close();
        }
    }

    private static DatagramSocket udp(String address) throws IOException {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
    }

    private int port() {
        return phone.localPort();
    }

    private void send(DatagramSocket from, String message) throws IOException {
        send(from, message, port());
    }

    private static void send(DatagramSocket from, String message, int terminalPort) throws IOException {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                terminalPort)));
    }

    /** The next datagram within {@code timeout}, or null. */
    private static String receive(DatagramSocket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static int status(String response) {
        assertTrue(response != null && response.startsWith("SIP/2.0 "), "a response: " + response);
        return Integer.parseInt(response.substring(8, 11));
    }

    private static final AtomicInteger CALLS = new AtomicInteger();

    private static String invite(String user, String host, int port, String mediaIp) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 " + mediaIp + "\r\ns=-\r\nc=IN IP4 " + mediaIp + "\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        int n = CALLS.incrementAndGet();
        return "INVITE sip:" + user + "@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ":" + port + ";branch=z9hG4bK-forged-" + n + ";rport\r\n"
                + "From: \"Representative\" <sip:rep@" + host + ">;tag=forged" + n + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: forged-" + n + "@" + host + "\r\n"
                + "CSeq: 1 INVITE\r\nContact: <sip:rep@" + host + ":" + port + ">\r\nMax-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String options(String host, int port) {
        int n = CALLS.incrementAndGet();
        return "OPTIONS sip:ivanovo-onco-hall1@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ":" + port + ";branch=z9hG4bK-opt-" + n + ";rport\r\n"
                + "From: <sip:monitor@" + host + ">;tag=opt" + n + "\r\n"
                + "To: <sip:ivanovo-onco-hall1@127.0.0.1>\r\n"
                + "Call-ID: options-" + n + "@" + host + "\r\n"
                + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }
}
