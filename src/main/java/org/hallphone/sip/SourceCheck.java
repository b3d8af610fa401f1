package org.hallphone.sip;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.util.List;
import javax.sip.message.Message;

/** Where a SIP message came from, and whether that address belongs to a list of configured hosts. */
final class SourceCheck {

    private SourceCheck() {
    }

    /** The packet's source address (not what its Via claims), or null when the stack does not know it. */
    static InetAddress sourceOf(Message message) {
        if (message instanceof SIPMessage m) {
            InetAddress a = m.getPeerPacketSourceAddress();
            return a != null ? a : m.getRemoteAddress();
        }
        return null;
    }

    /**
     * True when {@code source} is one of the addresses {@code hosts} name. Names come from the resolver's cache
     * (looked up off the SIP thread, review F9); a name not resolved yet matches nothing this time.
     */
    static boolean isOneOf(InetAddress source, List<String> hosts) {
        if (source == null) {
            return false;
        }
        for (String host : hosts) {
            String bare = HostPort.parse(host, 0).bareHost();
            if (bare.isEmpty()) {
                continue;
            }
            for (InetAddress a : Resolver.shared().cached(bare)) {
                if (a.equals(source)) {
                    return true;
                }
            }
        }
        return false;
    }
}
