package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hallphone.call.CallEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replays the RFC 4475 and RFC 5118 torture messages at a running terminal; it must survive and still call. */
class TortureTest {

    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");

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

    @Test
    void survivesEveryTortureMessageAndStillPlacesACall() throws Exception {
        phone = new SipPhone(new TestKiosk().build(), new FakeMedia(), "t");
        phone.start(events);
        InetSocketAddress terminal = new InetSocketAddress(InetAddress.getLoopbackAddress(), phone.localPort());
        Map<String, List<Integer>> answers = new LinkedHashMap<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(60);
            for (Path file : messages()) {
                byte[] wire = file.getParent().getFileName().toString().equals("rfc5118")
                        ? normalise(Files.readAllBytes(file)) : Files.readAllBytes(file);
                socket.send(new DatagramPacket(wire, wire.length, terminal));
                answers.put(file.getFileName().toString(), drain(socket));
            }
            // most responses go to the (documentation) addresses in the messages' Via headers, not to us
            answers.forEach((name, statuses) -> assertTrue(statuses.stream().noneMatch(s -> s >= 200 && s < 300
                    && !name.startsWith("ipv6") && !name.equals("regaut01.dat") && !name.contains("options")),
                    name + " was accepted: " + statuses));
            assertTrue(events.of(CallEvent.IncomingCall.class).isEmpty(), "nothing rang");

            byte[] options = options(socket.getLocalPort(), phone.localPort());
            socket.send(new DatagramPacket(options, options.length, terminal));
            assertEquals(List.of(200), drain(socket), "still answers OPTIONS");
        }

        sipp = Sipp.uas("uas", "-rtp_echo");
        phone.dial(1, sipp.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        phone.hangUp(1);
        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(15)), sipp.diagnostics());
        System.out.println("torture replies: " + answers);
    }

    private static List<Path> messages() throws IOException {
        Path root = Sipp.scenarioFile("torture");
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("rfc4475", "rfc5118")) {
            try (Stream<Path> s = Files.list(root.resolve(dir))) {
                s.filter(p -> !p.getFileName().toString().startsWith("SHA256")).sorted().forEach(files::add);
            }
        }
        assertEquals(62, files.size(), "50 RFC 4475 and 12 RFC 5118 messages");
        return files;
    }

    /** RFC 5118's archive has bare LF, sometimes no final blank line and wrong Content-Length: make it wire form. */
    static byte[] normalise(byte[] archived) {
        String text = new String(archived, StandardCharsets.UTF_8).replace("\r\n", "\n");
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text.stripTrailing() : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2);
        body = body.replace("\n", "\r\n");
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        Matcher m = Pattern.compile("(?im)^(Content-Length|l)[ \\t]*:[ \\t]*\\d+").matcher(head);
        head = m.find() ? m.replaceFirst("Content-Length: " + length) : head + "\nContent-Length: " + length;
        return (head.replace("\n", "\r\n") + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Integer> drain(DatagramSocket socket) throws IOException {
        List<Integer> statuses = new ArrayList<>();
        byte[] buf = new byte[65535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return statuses;
            }
            Matcher m = STATUS.matcher(new String(buf, 0, Math.min(p.getLength(), 20), StandardCharsets.US_ASCII));
            if (m.find()) {
                int status = Integer.parseInt(m.group(1));
                if (status >= 200) {
                    statuses.add(status);
                }
            }
        }
    }

    static byte[] options(int fromPort, int toPort) {
        return ("OPTIONS sip:kiosk@127.0.0.1:" + toPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=z9hG4bK-torture-end\r\n"
                + "From: <sip:monitor@127.0.0.1>;tag=t1\r\n"
                + "To: <sip:kiosk@127.0.0.1>\r\n"
                + "Call-ID: torture-end@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void normalisedMessagesHaveCrlfAndTheRightLength() {
        byte[] out = normalise("OPTIONS sip:a@b SIP/2.0\nContent-Length: 99\n\nv=0\n".getBytes(StandardCharsets.UTF_8));
        String s = new String(out, StandardCharsets.UTF_8);
        assertEquals("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 5\r\n\r\nv=0\r\n", s);
        assertFalse(new String(normalise("BYE sip:a@b SIP/2.0\nCall-ID: x\n".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8).contains("\n\n"));
    }
}
