package org.hallphone.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTP stream (RFC 3550). Three threads touch it: the caller ({@link #start}, {@link #sendDtmf},
 * {@link #close}), the engine's clock thread ({@link #tick} sends, {@link #playout} drains the jitter buffer)
 * and its own receive thread. Shared state is volatile or owned by thread-safe objects.
 *
 * <p>Sending: random SSRC, initial sequence number and timestamp (§5.1); one packet per 20 ms tick, the marker
 * bit on the first; the timestamp advances 160 per tick whether or not a packet leaves.
 *
 * <p>Receiving, symmetric RTP: before {@link #start} everything is dropped. After it, the first source to send
 * is latched, even when it is not the address in the SDP (a far end behind NAT sends from another port or
 * address than it announced); from then on packets from any other source are dropped and counted, and our
 * packets go to the latched source. {@link #start} again (a 183's SDP, then the 200's) unlatches.
 */
final class RtpSession implements MediaSession {

    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RECEIVE_TIMEOUT_MS = 200;

    private record Target(InetSocketAddress remote, Codec codec, int eventPayloadType, PacketTransform transform) {
    }

    private final DatagramSocket socket;
    private final DatagramSocket rtcp;
    private final InetSocketAddress localAddress;
    private final JitterBuffer jitterBuffer;
    private final Consumer<RtpSession> onClose;
    private final Thread receiver;
    private final Queue<Character> dtmfQueue = new ConcurrentLinkedQueue<>();
    private final DtmfSender dtmfSender = new DtmfSender();
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver();
    private final ReceiveStatistics receiveStats = new ReceiveStatistics();

    private volatile Target target;
    private volatile InetSocketAddress latched;
    private volatile Consumer<Character> dtmfListener = digit -> { };
    private volatile long lastPacketNanos = System.nanoTime();
    private volatile boolean closed;
    private final AtomicBoolean released = new AtomicBoolean();

    // clock thread only
    private final long ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
    private int sequence = RANDOM.nextInt(0x10000);
    private long timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    private boolean firstSent;
    private volatile long sent;
    private volatile long sendErrors;

    // receive thread only (read under the statistics lock)
    private long currentSource = -1;
    private volatile long foreign;
    private volatile long malformed;
    private volatile long rejected;

    RtpSession(DatagramSocket socket, DatagramSocket rtcp, JitterBuffer jitterBuffer, Consumer<RtpSession> onClose)
            throws SocketException {
        this.socket = socket;
        this.rtcp = rtcp;
        this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
        this.jitterBuffer = jitterBuffer;
        this.onClose = onClose;
        socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
        this.receiver = new Thread(this::receiveLoop, "rtp-rx-" + localAddress.getPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void start(InetSocketAddress remote, Codec codec, int telephoneEventPayloadType) {
        start(remote, codec, telephoneEventPayloadType, PacketTransform.PLAIN);
    }

    @Override
    public void start(InetSocketAddress remote, Codec codec, int telephoneEventPayloadType,
                      PacketTransform transform) {
        if (remote == null || codec == null || transform == null) {
            throw new IllegalArgumentException("remote address and codec are required");
        }
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("remote RTP address is not resolved: " + remote);
        }
        Target previous = target;
        latched = null;
        lastPacketNanos = System.nanoTime();
        target = new Target(remote, codec, telephoneEventPayloadType, transform);
        if (previous == null || !previous.equals(target)) {
            LOG.info("RTP {} -> {} {} (telephone-event {}; {})", localAddress.getPort(), remote, codec,
                    telephoneEventPayloadType < 0 ? "none" : telephoneEventPayloadType, transform);
        }
    }

    @Override
    public void sendDtmf(char digit) {
        Target t = target;
        if (t == null || t.eventPayloadType() < 0) {
            LOG.debug("DTMF not sent: no telephone-event negotiated");
            return;
        }
        if (!TelephoneEvent.isDigit(digit)) {
            throw new IllegalArgumentException("not a DTMF digit");
        }
        dtmfQueue.add(digit);
    }

    @Override
    public void setDtmfListener(Consumer<Character> listener) {
        this.dtmfListener = listener == null ? digit -> { } : listener;
    }

    @Override
    public long millisSinceLastPacket() {
        return (System.nanoTime() - lastPacketNanos) / 1_000_000;
    }

    @Override
    public MediaStats stats() {
        synchronized (receiveStats) {
            return new MediaStats(sent, receiveStats.received(), receiveStats.lost(),
                    jitterBuffer.figures().late(), receiveStats.jitterMillis(), rejected);
        }
    }

    JitterBuffer.Figures jitterFigures() {
        return jitterBuffer.figures();
    }

    long foreignPackets() {
        return foreign;
    }

    /** Datagrams the packet transform refused (SRTP: failed authentication, replayed, malformed). */
    long rejectedPackets() {
        return rejected;
    }

    /** Clock thread: sends this tick's packet (voice from {@code microphone}, or a DTMF event). */
    void tick(short[] microphone) {
        Target t = target;
        long now = timestamp;
        timestamp = (timestamp + Codec.SAMPLES_PER_PACKET) & 0xFFFFFFFFL;
        if (t == null || closed) {
            return;
        }
        for (Character digit; (digit = dtmfQueue.poll()) != null; ) {
            dtmfSender.enqueue(digit);
        }
        RtpPacket packet;
        DtmfSender.Step event = t.eventPayloadType() >= 0 ? dtmfSender.next(now) : null;
        if (event != null) {
            packet = new RtpPacket(t.eventPayloadType(), event.marker(), sequence, event.timestamp(), ssrc,
                    event.event().toBytes());
        } else {
            packet = new RtpPacket(t.codec().payloadType(), !firstSent, sequence, now, ssrc,
                    G711.encode(t.codec(), microphone));
        }
        InetSocketAddress to = latched != null ? latched : t.remote();
        byte[] plain = packet.toBytes();
        byte[] bytes = t.transform().protectRtp(plain, plain.length);
        if (bytes == null) {
            return;
        }
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
            sequence = (sequence + 1) & 0xFFFF;
            firstSent = true;
            sent++;
        } catch (IOException e) {
            if (sendErrors++ == 0) {
                LOG.warn("RTP send to {} failed: {}", to, e.toString());
            }
        }
    }

    /** Clock thread: the next 20 ms to play, or null when nothing is playing. */
    short[] playout() {
        return target == null ? null : jitterBuffer.pull();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
                onDatagram(datagram);
            } catch (SocketTimeoutException idle) {
                // lets the loop notice close()
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("RTP receive on port {} failed: {}", localAddress.getPort(), e.toString());
                    closed = true;
                }
            } catch (RuntimeException e) {
                LOG.warn("RTP packet from {} could not be handled", datagram.getSocketAddress(), e);
            }
        }
    }

    private void onDatagram(DatagramPacket datagram) {
        Target t = target;
        if (t == null) {
            return; // not started: nobody to hear it
        }
        InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
        InetSocketAddress source = latched;
        if (source != null && !source.equals(from)) {
            foreign++;
            return;
        }
        // SRTP: only a packet that authenticates may latch the source or reach the decoder
        byte[] plain = t.transform().unprotectRtp(datagram.getData(), datagram.getLength());
        if (plain == null) {
            rejected++;
            return;
        }
        if (source == null) {
            latched = from;
            if (!from.equals(t.remote())) {
                LOG.info("RTP from {} instead of the announced {}: latched (symmetric RTP)", from, t.remote());
            }
        }
        RtpPacket packet;
        try {
            packet = RtpPacket.parse(plain, plain.length);
        } catch (IllegalArgumentException notRtp) {
            malformed++;
            return;
        }
        boolean event = t.eventPayloadType() >= 0 && packet.payloadType() == t.eventPayloadType();
        boolean audio = packet.payloadType() == Codec.PCMU.payloadType()
                || packet.payloadType() == Codec.PCMA.payloadType();
        if (!event && !audio) {
            return; // comfort noise and anything else not negotiated
        }
        lastPacketNanos = System.nanoTime();
        synchronized (receiveStats) {
            if (packet.ssrc() != currentSource) {
                if (currentSource >= 0) {
                    LOG.info("RTP source changed from {} to {}", Long.toHexString(currentSource),
                            Long.toHexString(packet.ssrc()));
                    receiveStats.newSource();
                }
                currentSource = packet.ssrc();
            }
            long arrival = System.nanoTime() * Codec.SAMPLE_RATE / 1_000_000_000L;
            receiveStats.onPacket(packet.sequence(), packet.timestamp(), arrival, audio);
        }
        if (event) {
            onTelephoneEvent(packet);
        } else {
            // the packet's own payload type decides the decoding (a far end may switch within the answer)
            Codec codec = Codec.forPayloadType(packet.payloadType());
            byte[] payload = packet.payload();
            jitterBuffer.put(packet.ssrc(), packet.sequence(), G711.decode(codec, payload, 0, payload.length));
        }
    }

    private void onTelephoneEvent(RtpPacket packet) {
        TelephoneEvent event;
        try {
            event = TelephoneEvent.parse(packet.payload());
        } catch (IllegalArgumentException bad) {
            malformed++;
            return;
        }
        char digit = dtmfReceiver.onEvent(packet.timestamp(), event);
        if (digit != 0) {
            LOG.info("DTMF received");
            try {
                dtmfListener.accept(digit);
            } catch (RuntimeException e) {
                LOG.warn("DTMF listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (!released.compareAndSet(false, true)) {
            return;
        }
        socket.close();
        rtcp.close();
        if (Thread.currentThread() != receiver) {
            try {
                receiver.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.accept(this);
    }
}
