package org.hallphone.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a session's bytes meet its sockets: RTP out of and into the RTP port, RTCP through the RTP port + 1 or, with
 * rtcp-mux (RFC 5761), the RTP port; every packet passes the {@link PacketTransform} on the way; and the receive
 * threads. Thread-safe.
 */
final class PacketPath {

    private static final Logger LOG = LoggerFactory.getLogger(PacketPath.class);
    private static final int RECEIVE_TIMEOUT_MS = 200;

    private final DatagramSocket rtp;
    private final DatagramSocket rtcp;
    private volatile PacketTransform transform = PacketTransform.IDENTITY;
    private volatile boolean mux;
    private volatile boolean transformFailed;

    PacketPath(DatagramSocket rtp, DatagramSocket rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /**
     * Starts a daemon thread that reads {@code socket} until {@code closed} and hands each datagram to
     * {@code handler}, except while {@code ignore} is true (before the session starts). Whatever the handler throws,
     * an {@link Error} too, is logged and reception goes on: a hostile datagram must not end it.
     */
    Thread receive(DatagramSocket socket, Consumer<DatagramPacket> handler, BooleanSupplier ignore,
                   BooleanSupplier closed) throws SocketException {
        socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[2048];
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            while (!closed.getAsBoolean()) {
                try {
                    datagram.setLength(buffer.length);
                    socket.receive(datagram);
                    if (!ignore.getAsBoolean()) {
                        handler.accept(datagram);
                    }
                } catch (SocketTimeoutException idle) {
                    // lets the loop notice the close
                } catch (IOException e) {
                    if (!closed.getAsBoolean()) {
                        LOG.warn("receive on port {} failed: {}", socket.getLocalPort(), e.toString());
                    }
                    return;
                } catch (Throwable e) {
                    LOG.warn("packet from {} could not be handled", datagram.getSocketAddress(), e);
                }
            }
        }, (socket == rtp ? "rtp-rx-" : "rtcp-rx-") + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    void transform(PacketTransform transform) {
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    void mux(boolean mux) {
        this.mux = mux;
    }

    PacketTransform transform() {
        return transform;
    }

    boolean mux() {
        return mux;
    }

    void sendRtp(byte[] packet, InetSocketAddress to) throws IOException {
        byte[] wire = transform.protectRtp(packet);
        rtp.send(new DatagramPacket(wire, wire.length, to));
    }

    void sendRtcp(byte[] packet, InetSocketAddress to) throws IOException {
        byte[] wire = transform.protectRtcp(packet);
        (mux ? rtp : rtcp).send(new DatagramPacket(wire, wire.length, to));
    }

    /** The plain RTP packet in the first {@code length} bytes of {@code data}, or null to drop it. */
    byte[] unprotectRtp(byte[] data, int length) {
        try {
            return transform.unprotectRtp(Arrays.copyOf(data, length));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** The plain compound RTCP packet in the first {@code length} bytes of {@code data}, or null to drop it. */
    byte[] unprotectRtcp(byte[] data, int length) {
        try {
            return transform.unprotectRtcp(Arrays.copyOf(data, length));
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private byte[] failed(RuntimeException e) {
        if (!transformFailed) {
            transformFailed = true;
            LOG.warn("{} failed on a received packet; such packets are dropped", transform, e);
        }
        return null;
    }

    void close() {
        rtp.close();
        rtcp.close();
    }
}
