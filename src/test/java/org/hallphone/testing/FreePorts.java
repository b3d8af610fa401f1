package org.hallphone.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Free loopback ports for peers started by tests, so that parallel runs never collide. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port free for both UDP and TCP on 127.0.0.1 right now. */
    public static int udpAndTcp() {
        for (int tries = 0; tries < 50; tries++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port on loopback");
    }

    /** A port free for UDP and TCP whose next port is free for both too (baresip takes port + 1 for TLS). */
    public static int udpAndTcpPair() {
        for (int tries = 0; tries < 100; tries++) {
            int port = udpAndTcp();
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1));
                 ServerSocket tcp = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free pair of ports on loopback");
    }

    /** An even UDP port with the next one free too (RTP and RTCP), for sipp's media port. */
    public static int evenUdpPair() {
        for (int tries = 0; tries < 100; tries++) {
            int port = udpAndTcp() & ~1;
            try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                 DatagramSocket b = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free even port pair on loopback");
    }

    /**
     * True while something on this machine has {@code port} bound for UDP or listens on it for TCP, read from
     * /proc/net (so looking takes nothing; TCP connections that linger in TIME_WAIT do not count).
     */
    public static boolean listening(int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("udp", "udp6", "tcp", "tcp6")) {
            boolean tcp = table.startsWith("tcp");
            try (Stream<String> lines = Files.lines(Path.of("/proc/net", table))) {
                if (lines.skip(1).map(line -> line.trim().split("\\s+"))
                        .anyMatch(f -> f.length > 3 && f[1].endsWith(hexPort) && (!tcp || "0A".equals(f[3])))) {
                    return true;
                }
            } catch (IOException | UncheckedIOException noSuchTable) {
                // no IPv6 on this machine: nothing listens there
            }
        }
        return false;
    }
}
