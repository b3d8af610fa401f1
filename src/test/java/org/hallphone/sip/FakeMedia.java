package org.hallphone.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hallphone.call.MediaStats;
import org.hallphone.media.Codec;
import org.hallphone.media.FarEnd;
import org.hallphone.media.MediaSession;
import org.hallphone.media.MediaSessions;
import org.hallphone.media.PacketTransform;

/**
 * A stand-in for the media engineer's RTP engine, enough to test the SIP adapter: sends recognisable G.711 RTP
 * packets every 20 ms (payload bytes derived from the sequence number) and records what comes back, including
 * RFC 4733 events. The adapter under test is SIP; this fake only gives it real packets to negotiate for.
 */
final class FakeMedia implements MediaSessions {

    final List<Session> sessions = new CopyOnWriteArrayList<>();

    @Override
    public MediaSession open(InetAddress local) throws IOException {
        Session s = new Session(new DatagramSocket(new InetSocketAddress(local, 0)));
        sessions.add(s);
        return s;
    }

    Session last() {
        return sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
    }

    static byte[] payloadFor(int seq) {
        byte[] p = new byte[Codec.SAMPLES_PER_PACKET];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (seq * 7 + i);
        }
        return p;
    }

    static final class Session implements MediaSession {
        final DatagramSocket socket;
        final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-rtp-send");
            t.setDaemon(true);
            return t;
        });
        final Thread receiver;
        final int ssrc = 0x48504e45;
        final AtomicInteger seq = new AtomicInteger(1000);
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong echoedIntact = new AtomicLong();
        /** Packets that carry our payload pattern under another SSRC (an endpoint that re-stamps the echo). */
        final AtomicLong patternFromOtherSource = new AtomicLong();
        final Map<Integer, byte[]> sentPayloads = new ConcurrentHashMap<>();
        volatile InetSocketAddress remote;
        volatile Codec codec;
        volatile int telephoneEvent = -1;
        volatile long lastPacketNanos = System.nanoTime();
        volatile Consumer<Character> dtmf = c -> { };
        volatile boolean closed;
        volatile boolean started;
        final List<Character> digits = new CopyOnWriteArrayList<>();
        private volatile long lastEventTimestamp = -1;

        Session(DatagramSocket socket) throws SocketException {
            this.socket = socket;
            socket.setSoTimeout(200);
            receiver = new Thread(this::receive, "fake-rtp-receive");
            receiver.setDaemon(true);
            receiver.start();
        }

        @Override
        public InetSocketAddress localAddress() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        /** The transform the SIP side asked for (SRTP keys); this fake records it and sends plain RTP. */
        volatile PacketTransform transform = PacketTransform.IDENTITY;

        @Override
        public synchronized void start(FarEnd far) {
            this.remote = far.rtp();
            this.codec = far.codec();
            this.telephoneEvent = far.telephoneEventPayloadType();
            lastPacketNanos = System.nanoTime();
            if (!started) {
                started = true;
                sender.scheduleAtFixedRate(this::sendOne, 0, Codec.PTIME_MS, TimeUnit.MILLISECONDS);
            }
        }

        private void sendOne() {
            if (closed) {
                return;
            }
            int s = seq.getAndIncrement() & 0xffff;
            byte[] payload = payloadFor(s);
            byte[] packet = new byte[12 + payload.length];
            packet[0] = (byte) 0x80;
            packet[1] = (byte) codec.payloadType();
            packet[2] = (byte) (s >> 8);
            packet[3] = (byte) s;
            int ts = s * Codec.SAMPLES_PER_PACKET;
            packet[4] = (byte) (ts >> 24);
            packet[5] = (byte) (ts >> 16);
            packet[6] = (byte) (ts >> 8);
            packet[7] = (byte) ts;
            packet[8] = (byte) (ssrc >> 24);
            packet[9] = (byte) (ssrc >> 16);
            packet[10] = (byte) (ssrc >> 8);
            packet[11] = (byte) ssrc;
            System.arraycopy(payload, 0, packet, 12, payload.length);
            sentPayloads.put(s, payload);
            sentPayloads.remove((s - 500) & 0xffff);
            try {
                socket.send(new DatagramPacket(packet, packet.length, remote));
                sent.incrementAndGet();
            } catch (IOException e) {
                // the test sees it as missing packets
            }
        }

        private void receive() {
            byte[] buf = new byte[2048];
            while (!closed) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (IOException e) {
                    continue;
                }
                if (p.getLength() < 12) {
                    continue;
                }
                lastPacketNanos = System.nanoTime();
                received.incrementAndGet();
                int pt = buf[1] & 0x7f;
                int s = ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
                byte[] payload = Arrays.copyOfRange(buf, 12, p.getLength());
                if (pt == telephoneEvent || (telephoneEvent < 0 && pt >= 96 && payload.length == 4)) {
                    boolean end = (payload[1] & 0x80) != 0;
                    long ts = ((buf[4] & 0xffL) << 24) | ((buf[5] & 0xff) << 16) | ((buf[6] & 0xff) << 8)
                            | (buf[7] & 0xff);
                    if (end && ts != lastEventTimestamp) {
                        lastEventTimestamp = ts;
                        char digit = "0123456789*#ABCD".charAt(Math.min(payload[0] & 0xff, 15));
                        digits.add(digit);
                        dtmf.accept(digit);
                    }
                    continue;
                }
                int fromSsrc = ((buf[8] & 0xff) << 24) | ((buf[9] & 0xff) << 16) | ((buf[10] & 0xff) << 8)
                        | (buf[11] & 0xff);
                if (fromSsrc != ssrc && hasOurPattern(payload)) {
                    patternFromOtherSource.incrementAndGet();
                }
                byte[] expected = sentPayloads.get(s);
                if (expected != null && Arrays.equals(expected, payload)) {
                    echoedIntact.incrementAndGet();
                }
            }
        }

        private static boolean hasOurPattern(byte[] payload) {
            if (payload.length != Codec.SAMPLES_PER_PACKET) {
                return false;
            }
            for (int i = 0; i < payload.length; i++) {
                if ((byte) (payload[0] + i) != payload[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void setPacketTransform(PacketTransform transform) {
            this.transform = transform; // recorded only: this fake sends plain RTP
        }

        @Override
        public void sendDtmf(char digit) {
            // not needed by these tests
        }

        @Override
        public void setDtmfListener(Consumer<Character> listener) {
            this.dtmf = listener;
        }

        @Override
        public long millisSinceLastPacket() {
            return (System.nanoTime() - lastPacketNanos) / 1_000_000;
        }

        @Override
        public MediaStats stats() {
            return new MediaStats(sent.get(), received.get(), 0, 0, 0);
        }

        @Override
        public void close() {
            closed = true;
            sender.shutdownNow();
            socket.close();
        }
    }
}
