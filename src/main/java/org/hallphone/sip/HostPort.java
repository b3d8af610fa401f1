package org.hallphone.sip;

/**
 * A {@code host[:port]} from the configuration ({@code sip.registrar}, {@code sip.proxy}); IPv6 literals in
 * brackets. Port 0 means "not given" (the transport's default applies, RFC 3263 aside).
 */
record HostPort(String host, int port) {

    static HostPort parse(String text, int defaultPort) {
        String t = text.strip();
        if (t.isEmpty()) {
            return new HostPort("", defaultPort);
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            String host = t.substring(0, close + 1);
            String rest = t.substring(close + 1);
            return new HostPort(host, rest.startsWith(":") ? Integer.parseInt(rest.substring(1)) : defaultPort);
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && t.indexOf(':') == colon) {
            return new HostPort(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        }
        return new HostPort(t, defaultPort);
    }

    boolean isEmpty() {
        return host.isEmpty();
    }

    /** {@code host} or {@code host:port} as it goes into a SIP URI. */
    String uriPart() {
        return port > 0 ? host + ':' + port : host;
    }

    /** The host without IPv6 brackets, for name resolution. */
    String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
