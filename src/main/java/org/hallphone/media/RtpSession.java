package org.hallphone.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hallphone.call.MediaStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's RTP stream (RFC 3550) and its RTCP. Four threads touch it: the caller ({@link #start},
 * {@link #sendDtmf}, {@link #close}), the engine's clock thread ({@link #tick} sends, {@link #playout} drains the
 * jitter buffer) and its two receive threads (RTP port, RTCP port). Shared state is volatile or owned by
 * thread-safe objects.
 *
 * <p>Sending: random SSRC, initial sequence number and timestamp (§5.1); one packet per 20 ms tick, the marker
 * bit on the first; the timestamp advances 160 per tick whether or not a packet leaves. RTCP reports go out from
 * the same tick when {@link RtcpReporter} says one is due, and a BYE on {@link #close}.
 *
 * <p>Receiving is strict ({@link SourceLatch}): before {@link #start} everything is dropped; after it only valid
 * RTP from the far end's SDP address, or from a port of its hosts that proved itself early in the call, is
 * played; everything else is dropped and counted. All bytes pass one {@link PacketTransform} ({@link PacketPath}).
 */
final class RtpSession implements MediaSession {

    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The far end and its telephone-event type, checked to be dynamic (RFC 3551 §3: 96-127) or -1. */
    private record Target(FarEnd far, int eventPayloadType) {
    }

    private final PacketPath path;
    private final InetSocketAddress localAddress;
    private final JitterBuffer jitterBuffer;
    private final Consumer<RtpSession> onClose;
    private final Thread rtpReceiver;
    private final Thread rtcpReceiver;
    private final Queue<Character> dtmfQueue = new ConcurrentLinkedQueue<>();
    private final DtmfSender dtmfSender = new DtmfSender();
    private final DtmfReceiver dtmfReceiver = new DtmfReceiver();
    private final ReceiveStatistics receiveStats = new ReceiveStatistics();
    private final SourceLatch latch = new SourceLatch();
    private final long ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
    private final RtcpReporter rtcp = new RtcpReporter(ssrc);

    private volatile Target target;
    private volatile InetSocketAddress rtcpSource;
    private volatile Consumer<Character> dtmfListener = digit -> { };
    private volatile long lastPacketNanos = System.nanoTime();
    private volatile boolean closed;
    private volatile boolean strangerLogged;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean released = new AtomicBoolean();

    // written by the clock thread only
    private int sequence = RANDOM.nextInt(0x10000);
    private volatile long timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    private boolean firstSent;
    private volatile long sent;
    private volatile long octetsSent;
    private long sendErrors;

    // receive thread only (the source under the statistics lock)
    private long currentSource = -1;
    private InetSocketAddress playing;

    RtpSession(DatagramSocket socket, DatagramSocket rtcpSocket, JitterBuffer jitterBuffer,
               Consumer<RtpSession> onClose) throws SocketException {
        this.path = new PacketPath(socket, rtcpSocket);
        this.localAddress = (InetSocketAddress) socket.getLocalSocketAddress();
        this.jitterBuffer = jitterBuffer;
        this.onClose = onClose;
        this.rtpReceiver = path.receive(socket, this::onRtpDatagram, () -> target == null, () -> closed);
        this.rtcpReceiver = path.receive(rtcpSocket, this::onRtcpDatagram, () -> target == null,
                () -> closed);
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void start(FarEnd far) {
        int event = far.telephoneEventPayloadType();
        if (event != -1 && (event < 96 || event > 127)) {
            LOG.warn("telephone-event payload type {} is not dynamic (96-127): DTMF events off", event);
            event = -1;
        }
        Target previous = target;
        boolean moved = latch.expect(far.rtp(), far.signallingPeer());
        path.mux(far.rtcpMux());
        lastPacketNanos = System.nanoTime();
        target = new Target(far, event);
        if (previous == null || moved || !previous.equals(target)) {
            LOG.info("RTP {} -> {} {} (telephone-event {}, RTCP {}, signalling peer {}; {})", localAddress.getPort(),
                    far.rtp(), far.codec(), event < 0 ? "none" : event, far.rtcpMux() ? "muxed" : "on port + 1",
                    far.signallingPeer() == null ? "unknown" : far.signallingPeer().getHostAddress(),
                    path.transform());
        }
    }

    @Override
    public void setPacketTransform(PacketTransform transform) {
        path.transform(transform);
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
            return new MediaStats(sent, receiveStats.received(), receiveStats.lost(), jitterBuffer.figures().late(),
                    receiveStats.jitterMillis(), latch.foreign(), latch.invalid(), refused.get(), rtcp.remote());
        }
    }

    JitterBuffer.Figures jitterFigures() {
        return jitterBuffer.figures();
    }

    /** Clock thread: sends this tick's packet (voice from {@code microphone}, or a DTMF event), and RTCP when due. */
    void tick(short[] microphone) {
        Target t = target;
        long now = timestamp;
        timestamp = (now + Codec.SAMPLES_PER_PACKET) & 0xFFFFFFFFL;
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
            packet = new RtpPacket(t.far().codec().payloadType(), !firstSent, sequence, now, ssrc,
                    G711.encode(t.far().codec(), microphone));
        }
        InetSocketAddress to = latch.sendTo();
        if (to.getAddress().isAnyLocalAddress()) {
            return; // c=0.0.0.0: the far end holds the call (RFC 3264 §8.4); 0.0.0.0 would mean this host
        }
        try {
            path.sendRtp(packet.toBytes(), to);
            sequence = (sequence + 1) & 0xFFFF;
            firstSent = true;
            sent++;
            octetsSent += packet.payload().length;
        } catch (IOException e) {
            if (sendErrors++ == 0) {
                LOG.warn("RTP send to {} failed: {}", to, e.toString());
            }
        }
        if (rtcp.due(System.nanoTime())) {
            sendRtcp(rtcp.report(sending(now), receiving(), System.nanoTime()));
        }
    }

    private RtcpReporter.Sending sending(long rtpTimestamp) {
        return new RtcpReporter.Sending(sent, octetsSent, rtpTimestamp);
    }

    private RtcpReporter.Receiving receiving() {
        synchronized (receiveStats) {
            if (currentSource < 0) {
                return null;
            }
            return new RtcpReporter.Receiving(currentSource, receiveStats.received(), receiveStats.lost(),
                    receiveStats.highestSequence(), receiveStats.jitterSamples());
        }
    }

    /** RTCP goes where the far end's RTCP comes from, or else to the RTP destination's port + 1 (or itself, muxed). */
    private void sendRtcp(byte[] compound) {
        InetSocketAddress rtpTo = latch.sendTo();
        InetSocketAddress from = rtcpSource;
        InetSocketAddress to = path.mux() ? rtpTo
                : from != null ? from : new InetSocketAddress(rtpTo.getAddress(), rtpTo.getPort() + 1);
        if (to.getAddress().isAnyLocalAddress()) {
            return;
        }
        try {
            path.sendRtcp(compound, to);
        } catch (IOException e) {
            LOG.debug("RTCP send to {} failed: {}", to, e.toString());
        }
    }

    /** Clock thread: the next 20 ms to play, or null when nothing is playing. */
    short[] playout() {
        return target == null ? null : jitterBuffer.pull();
    }

    /**
     * Receive thread: RTP (or muxed RTCP) from anyone. Only a packet from an admitted source that decrypts, parses
     * and has a payload type of this call counts as valid; the latch decides whether it is played.
     */
    private void onRtpDatagram(DatagramPacket datagram) {
        InetSocketAddress from = (InetSocketAddress) datagram.getSocketAddress();
        byte[] data = datagram.getData();
        int length = datagram.getLength();
        if (RtcpPacket.isMuxedRtcp(data, length)) {
            onRtcp(from, data, length, true); // RFC 5761 §4: never one of our RTP payload types
            return;
        }
        if (!latch.admits(from)) {
            logStranger(from);
            return;
        }
        Target t = target;
        RtpPacket packet = decode(t, data, length);
        if (accepted(from, packet)) {
            follow(from, t);
            play(t, packet);
        }
    }

    /** The packet when it passes SRTP (if any), parses as RTP and has a payload type of this call; else null. */
    private RtpPacket decode(Target t, byte[] data, int length) {
        byte[] plain = path.unprotectRtp(data, length);
        if (plain == null) {
            refused.incrementAndGet();
            return null;
        }
        try {
            RtpPacket packet = RtpPacket.parse(plain, plain.length);
            return negotiated(t, packet.payloadType()) ? packet : null;
        } catch (IllegalArgumentException notRtp) {
            return null;
        }
    }

    /** The latch's verdict on a valid packet or (null) an invalid one from {@code from}: true to play it. */
    private boolean accepted(InetSocketAddress from, RtpPacket packet) {
        boolean valid = packet != null;
        SourceLatch.Verdict verdict = latch.onPacket(from, valid, valid ? packet.ssrc() : 0,
                valid ? packet.sequence() : 0, System.nanoTime());
        if (verdict == SourceLatch.Verdict.FOREIGN) {
            logStranger(from);
        }
        return verdict == SourceLatch.Verdict.ACCEPT;
    }

    /** Logs once when the played source moves away from the address the SDP announced. */
    private void follow(InetSocketAddress from, Target t) {
        if (from.equals(playing)) {
            return;
        }
        if (!from.equals(t.far().rtp())) {
            LOG.info("RTP from {} instead of the announced {}: followed after {} good packets", from, t.far().rtp(),
                    SourceLatch.PROBATION);
        }
        playing = from;
    }

    /** G.711 in either law (a far end may switch within our offer) and the negotiated telephone-event. */
    private static boolean negotiated(Target t, int payloadType) {
        return payloadType == Codec.PCMU.payloadType() || payloadType == Codec.PCMA.payloadType()
                || t.eventPayloadType() >= 0 && payloadType == t.eventPayloadType();
    }

    private void play(Target t, RtpPacket packet) {
        boolean event = t.eventPayloadType() >= 0 && packet.payloadType() == t.eventPayloadType();
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
            receiveStats.onPacket(packet.sequence(), packet.timestamp(), arrival, !event);
        }
        if (event) {
            onTelephoneEvent(packet);
        } else {
            // the packet's own payload type decides the decoding
            Codec codec = Codec.forPayloadType(packet.payloadType());
            byte[] payload = packet.payload();
            jitterBuffer.put(packet.ssrc(), packet.sequence(), G711.decode(codec, payload, 0, payload.length));
        }
    }

    private void logStranger(InetSocketAddress from) {
        if (!strangerLogged) {
            strangerLogged = true;
            LOG.warn("media from {}, not the far end: dropped (strict RTP; counted, not logged again this call)",
                    from);
        }
    }

    private void onTelephoneEvent(RtpPacket packet) {
        TelephoneEvent event;
        try {
            event = TelephoneEvent.parse(packet.payload());
        } catch (IllegalArgumentException bad) {
            latch.countInvalid();
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

    private void onRtcpDatagram(DatagramPacket datagram) {
        onRtcp((InetSocketAddress) datagram.getSocketAddress(), datagram.getData(), datagram.getLength(), false);
    }

    /** The far end's RTCP (RFC 3550 §6.4), read only from its hosts, as RTP is. */
    private void onRtcp(InetSocketAddress from, byte[] data, int length, boolean muxed) {
        if (!latch.isFarEndRtcp(from, muxed)) {
            latch.countForeign();
            logStranger(from);
            return;
        }
        byte[] plain = path.unprotectRtcp(data, length);
        if (plain == null) {
            refused.incrementAndGet();
            latch.countInvalid(); // invalid counts include SRTP refusals
            return;
        }
        RtcpPacket.Compound compound;
        try {
            compound = RtcpPacket.parse(plain, plain.length);
        } catch (IllegalArgumentException bad) {
            latch.countInvalid();
            return;
        }
        if (!muxed) {
            rtcpSource = from;
        }
        rtcp.onReceived(compound, System.nanoTime());
    }

    @Override
    public void close() {
        closed = true;
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (target != null) {
            try {
                sendRtcp(rtcp.bye(sending(timestamp), receiving(), System.nanoTime()));
            } catch (RuntimeException e) {
                LOG.debug("RTCP BYE not sent: {}", e.toString());
            }
        }
        path.close();
        for (Thread thread : new Thread[] {rtpReceiver, rtcpReceiver}) {
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        onClose.accept(this);
    }
}
