package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.hallphone.call.MediaStats;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.Correlation;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Strict RTP on the wire (review finding F1, RTP Bleed): sipp's {@code -rtp_echo} as the real far end on 127.0.0.1,
 * raw UDP junk and forged valid RTP from a stranger on 127.0.0.66 sprayed at the terminal's ports throughout.
 */
class StrictRtpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetAddress STRANGER = address("127.0.0.66");

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private MediaEngine engine(AudioDevice device) {
        int port = FreePorts.evenUdpPair();
        return closing(new MediaEngine(TestAudio.config(), port, port + 1, device));
    }

    @Test
    void aStrangerSprayingJunkAndForgedRtpNeitherHearsNorSilencesThePatient() throws Exception {
        Sipp farEnd = closing(Sipp.uas("uas", "-rtp_echo"));
        short[] voice = TestAudio.noise(4 * 8000, 4475);
        FileDevice device = FileDevice.samples(voice);
        MediaSession session = engine(device).open(LOOPBACK);
        int rtpPort = session.localAddress().getPort();

        // the stranger starts before the call does and never stops: 1-byte junk, then valid-looking RTP carrying a
        // loud 1.5 kHz tone in sequence, to the RTP and the RTCP port
        Peer stranger = closing(new Peer(STRANGER));
        stranger.spray(new InetSocketAddress(LOOPBACK, rtpPort), new InetSocketAddress(LOOPBACK, rtpPort + 1));
        Wait.until("the stranger spraying", Duration.ofSeconds(10), () -> stranger.sent.get() > 20);

        session.start(new FarEnd(new InetSocketAddress(LOOPBACK, farEnd.mediaPort), LOOPBACK, Codec.PCMU, -1,
                false));
        Wait.until("three seconds of echo", Duration.ofSeconds(20), () -> session.stats().packetsReceived() >= 150);
        MediaStats stats = session.stats();
        session.close();

        assertEquals(0, stranger.received.get(), "the patient's voice never reached the stranger");
        assertTrue(stats.packetsForeign() >= 50, "the stranger's packets were dropped and counted: " + stats);
        short[] heard = device.recorded();
        double match = Correlation.best(heard, voice);
        assertTrue(match > 0.99, "the far end's echo of the patient was played (correlation " + match + ")");
        double tone = 0;
        for (int at = 0; at + 800 <= heard.length; at += 800) {
            tone = Math.max(tone, Goertzel.amplitude(heard, at, 800, 1500, 8000));
        }
        assertTrue(tone < 3000, "the stranger's 1.5 kHz tone was never played (amplitude " + tone + ")");
    }

    @Test
    void aFarEndBehindNatIsFollowedEarlyButNeverASourceThatSentJunkNorAStranger() throws Exception {
        MediaSession session = engine(FileDevice.tone(440, -20)).open(LOOPBACK);
        InetSocketAddress local = session.localAddress();
        // the SDP names the far end's private address (unreachable from here); it really sends from the host its
        // signalling came from, through a NAT's port
        InetSocketAddress announced = new InetSocketAddress(address("192.0.2.1"), FreePorts.evenUdpPair());
        Peer junkFirst = closing(new Peer(LOOPBACK));
        Peer nat = closing(new Peer(LOOPBACK));
        Peer stranger = closing(new Peer(STRANGER));
        session.start(new FarEnd(announced, LOOPBACK, Codec.PCMU, -1, false));

        junkFirst.junk(local);
        junkFirst.stream(local, 0x1111);
        stranger.stream(local, 0x2222);
        Wait.until("the junk source's valid packets began", Duration.ofSeconds(10), () -> junkFirst.sent.get() > 10);
        nat.stream(local, 0x3333);
        Wait.until("the terminal answers the far end at its real port", Duration.ofSeconds(10),
                () -> nat.received.get() >= 50);
        Wait.until("the far end's audio plays", Duration.ofSeconds(10),
                () -> session.stats().packetsReceived() >= 50);
        assertEquals(0, junkFirst.received.get(), "a source that sent junk is never answered");
        assertEquals(0, stranger.received.get(), "a stranger is never answered");
        assertTrue(session.stats().packetsInvalid() >= 1, session.stats().toString());
        assertTrue(session.stats().packetsForeign() > 10, session.stats().toString());
    }

    /** A raw UDP peer: sends junk or an RTP stream (20 ms pace) and counts what it receives. */
    private static final class Peer implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        Peer(InetAddress host) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(host, 0));
            socket.setSoTimeout(100);
            run(() -> {
                byte[] buffer = new byte[2048];
                while (!closed) {
                    try {
                        socket.receive(new DatagramPacket(buffer, buffer.length));
                        received.incrementAndGet();
                    } catch (SocketTimeoutException idle) {
                        // look at closed again
                    }
                }
            });
        }

        void junk(InetSocketAddress to) throws IOException {
            socket.send(new DatagramPacket(new byte[] {0x42}, 1, to));
        }

        void spray(InetSocketAddress rtp, InetSocketAddress rtcp) {
            run(() -> {
                short[] tone = TestAudio.sine(1500, 16000, 160, 8000);
                for (int seq = 0; !closed; seq++) {
                    send(new byte[] {(byte) seq}, rtp);
                    send(new byte[] {(byte) 0x80, (byte) 0xC9, 0, 1, 0, 0, 0, 1}, rtcp);
                    send(new RtpPacket(0, false, seq, seq * 160L, 0x6666, G711.encode(Codec.PCMU, tone)).toBytes(),
                            rtp);
                    pause(10);
                }
            });
        }

        void stream(InetSocketAddress to, long ssrc) {
            run(() -> {
                short[] tone = TestAudio.sine(700, 8000, 160, 8000);
                for (int seq = 100; !closed; seq++) {
                    send(new RtpPacket(0, false, seq, seq * 160L, ssrc, G711.encode(Codec.PCMU, tone)).toBytes(), to);
                    pause(20);
                }
            });
        }

        private void send(byte[] bytes, InetSocketAddress to) {
            try {
                socket.send(new DatagramPacket(bytes, bytes.length, to));
                sent.incrementAndGet();
            } catch (IOException e) {
                // counted as not sent
            }
        }

        private static void pause(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private interface Task {
            void run() throws IOException;
        }

        private void run(Task task) {
            Thread thread = new Thread(() -> {
                try {
                    task.run();
                } catch (IOException e) {
                    // the socket closed
                }
            }, "test-peer");
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            for (Thread t : threads) {
                t.join(2000);
            }
            socket.close();
        }
    }
}
