package org.hallphone.ops;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code health.listen}: {@code host:port}, {@code [v6-address]:port}, or {@code :port} for all addresses. */
final class ListenAddress {

    private ListenAddress() {
    }

    static InetSocketAddress parse(String listen) {
        String value = listen == null ? "" : listen.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(listen, "expected host:port");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(listen, "write an IPv6 address in brackets, e.g. [::1]:8787");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(listen, "the port is not a number");
        }
        if (port < 0 || port > 65535) {
            throw invalid(listen, "the port must be 0 to 65535");
        }
        if (host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw invalid(listen, "unknown host " + host);
        }
    }

    private static IllegalArgumentException invalid(String listen, String what) {
        return new IllegalArgumentException("health.listen: " + what + ", got '" + listen + "'");
    }
}
