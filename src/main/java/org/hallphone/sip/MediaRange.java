package org.hallphone.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a call-back's SDP may send the patient's voice: the address its signalling came from, or an IP network of
 * {@code sip.media-allow} (CIDR). Without this an INVITE could stream the call to any address it names.
 */
final class MediaRange {

    private record Network(byte[] prefix, int bits) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (b[full] & mask) == (prefix[full] & mask);
        }
    }

    private final List<Network> networks;

    private MediaRange(List<Network> networks) {
        this.networks = networks;
    }

    /** From {@code sip.media-allow} entries (already validated as literal CIDRs by the configuration). */
    static MediaRange of(List<String> cidrs) {
        List<Network> networks = new ArrayList<>();
        for (String cidr : cidrs) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            try {
                byte[] prefix = InetAddress.getByName(address).getAddress();
                int bits = slash < 0 ? prefix.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
                networks.add(new Network(prefix, Math.min(bits, prefix.length * 8)));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR network: " + cidr, e);
            }
        }
        return new MediaRange(List.copyOf(networks));
    }

    /** True when media to {@code target} is allowed for a call whose signalling came from {@code signalling}. */
    boolean allows(InetAddress target, InetAddress signalling) {
        if (target == null) {
            return false;
        }
        if (target.equals(signalling)) {
            return true;
        }
        for (Network n : networks) {
            if (n.contains(target)) {
                return true;
            }
        }
        return false;
    }
}
