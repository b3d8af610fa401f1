package org.hallphone.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a session's bytes meet its sockets: RTP out of and into the RTP port, RTCP through the RTP port + 1 or, with
 * rtcp-mux (RFC 5761), the RTP port; every packet passes the {@link PacketTransform} on the way. Thread-safe.
 */
final class PacketPath {

    private static final Logger LOG = LoggerFactory.getLogger(PacketPath.class);

    private final DatagramSocket rtp;
    private final DatagramSocket rtcp;
    private volatile PacketTransform transform = PacketTransform.IDENTITY;
    private volatile boolean mux;
    private volatile boolean transformFailed;

    PacketPath(DatagramSocket rtp, DatagramSocket rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    void transform(PacketTransform transform) {
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    void mux(boolean mux) {
        this.mux = mux;
    }

    boolean mux() {
        return mux;
    }

    DatagramSocket rtpSocket() {
        return rtp;
    }

    DatagramSocket rtcpSocket() {
        return rtcp;
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
