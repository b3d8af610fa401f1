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

    /**
     * Chooses the address; host names are taken only from {@code resolver}'s cache, so this never waits for DNS.
     *
     * @throws IOException when there is no usable address at all (no network), or the configured name is not
     *                     resolved yet
     */
    static InetAddress choose(String configured, List<String> towards, Resolver resolver) throws IOException {
        if (!configured.isEmpty()) {
            List<InetAddress> known = resolver.cached(configured);
            if (known.isEmpty()) {
                throw new IOException("sip.local-address " + configured + " is not resolved (DNS)");
            }
            return known.get(0);
        }
        for (String peer : towards) {
            InetAddress via = routeTo(peer, resolver);
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

    private static InetAddress routeTo(String peer, Resolver resolver) {
        String host = hostOf(peer);
        List<InetAddress> addresses = host.isEmpty() ? List.of() : resolver.cached(host);
        if (addresses.isEmpty()) {
            return null;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            // connect() on UDP sends nothing; it only asks the kernel which local address routes there
            probe.connect(new InetSocketAddress(addresses.get(0), 5060));
            InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? null : local;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True when {@code address} belongs to one of this machine's interfaces (loopback included). */
    static boolean isOwn(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** True when {@code address} is the broadcast address of one of this machine's IPv4 subnets. */
    static boolean isBroadcast(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                for (java.net.InterfaceAddress ia : interfaces.nextElement().getInterfaceAddresses()) {
                    if (address.equals(ia.getBroadcast())) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            return false;
        }
        return false;
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
