package org.hallphone.sip;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import javax.sip.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a SIP message came from, and whether that address belongs to a list of configured hosts. */
final class SourceCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SourceCheck.class);

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

    /** True when {@code source} is one of the addresses {@code hosts} name (names resolved now). */
    static boolean isOneOf(InetAddress source, List<String> hosts) {
        if (source == null) {
            return false;
        }
        for (String host : hosts) {
            String bare = HostPort.parse(host, 0).bareHost();
            if (bare.isEmpty()) {
                continue;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(bare)) {
                    if (a.equals(source)) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                LOG.warn("cannot resolve {} to check a SIP peer: {}", bare, e.getMessage());
            }
        }
        return false;
    }
}
