package org.hallphone.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;

/**
 * The configured RTP port range: each session binds an even port in it, picked at random (so that a far end cannot
 * guess the next call's port), and RTCP on that port + 1 (RFC 3550 §11).
 */
final class RtpPorts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int min;
    private final int max;

    /** An RTP socket and its RTCP socket on the port above. */
    record Pair(DatagramSocket rtp, DatagramSocket rtcp) {

        void close() {
            rtp.close();
            rtcp.close();
        }
    }

    RtpPorts(int min, int max) {
        if (min < 1 || max > 65535 || min > max || min + (min & 1) > max) {
            throw new IllegalArgumentException("RTP port range " + min + "-" + max + " holds no even port in 1-65535");
        }
        this.min = min;
        this.max = max;
    }

    /** Binds a free even port and the one above it on {@code local}, trying each pair once from a random start. */
    Pair bind(InetAddress local) throws IOException {
        int first = min + (min & 1);
        int count = (max - first) / 2 + 1;
        int start = RANDOM.nextInt(count);
        for (int i = 0; i < count; i++) {
            int port = first + 2 * ((start + i) % count);
            DatagramSocket rtp;
            try {
                rtp = new DatagramSocket(new InetSocketAddress(local, port));
            } catch (SocketException taken) {
                continue;
            }
            try {
                // held even when rtcp-mux is agreed later, so no other session takes it
                return new Pair(rtp, new DatagramSocket(new InetSocketAddress(local, port + 1)));
            } catch (SocketException taken) {
                rtp.close();
            }
        }
        throw new IOException("no free even RTP port (with RTCP port + 1) in " + this + " on " + local);
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}
