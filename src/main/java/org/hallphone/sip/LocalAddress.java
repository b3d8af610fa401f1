package org.hallphone.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the address the terminal binds and advertises when {@code sip.local-address} is empty: the one the
 * operating system would use to reach the proxy, registrar or first target; else the first site address.
 */
final class LocalAddress {

    private static final Pattern URI_HOST = Pattern.compile("^sips?:(?:[^@]*@)?(\\[[^\\]]+\\]|[^;:>?]+)(?::(\\d+))?");

    private LocalAddress() {
    }

    /** @throws IOException when there is no usable address at all (no network) */
    static InetAddress choose(String configured, List<String> towards) throws IOException {
        if (!configured.isEmpty()) {
            return InetAddress.getByName(configured);
        }
        for (String peer : towards) {
            InetAddress via = routeTo(peer);
            if (via != null) {
                return via;
            }
        }
        InetAddress any = firstSiteAddress();
        if (any != null) {
            return any;
        }
        throw new IOException("no network address: is the network cable plugged in?");
    }

    /** Host of a {@code host[:port]} or of a SIP URI. */
    static String hostOf(String peer) {
        Matcher m = URI_HOST.matcher(peer.strip());
        if (m.find()) {
            return HostPort.parse(m.group(1), 0).bareHost();
        }
        return HostPort.parse(peer, 0).bareHost();
    }

    private static InetAddress routeTo(String peer) {
        String host = hostOf(peer);
        if (host.isEmpty()) {
            return null;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            // connect() on UDP sends nothing; it only asks the kernel which local address routes there
            probe.connect(new InetSocketAddress(InetAddress.getByName(host), 5060));
            InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? null : local;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static InetAddress firstSiteAddress() throws SocketException {
        Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
        InetAddress fallback = null;
        while (interfaces != null && interfaces.hasMoreElements()) {
            NetworkInterface ni = interfaces.nextElement();
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (Enumeration<InetAddress> e = ni.getInetAddresses(); e.hasMoreElements(); ) {
                InetAddress a = e.nextElement();
                if (a.isLinkLocalAddress()) {
                    continue;
                }
                if (a instanceof Inet4Address) {
                    return a;
                }
                fallback = fallback == null ? a : fallback;
            }
        }
        return fallback;
    }
}
