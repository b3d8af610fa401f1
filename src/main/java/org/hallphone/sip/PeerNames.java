package org.hallphone.sip;

import java.util.ArrayList;
import java.util.List;
import org.hallphone.config.KioskConfig;
import org.hallphone.config.SipConfig;

/** The peers the configuration names, in the lists the SIP code needs them. Each list is built here only. */
final class PeerNames {

    private PeerNames() {
    }

    /** The configured proxy and registrar (those that are set), in that order. */
    static List<String> servers(SipConfig sip) {
        List<String> servers = new ArrayList<>();
        if (!sip.account().proxy().isEmpty()) {
            servers.add(sip.account().proxy());
        }
        if (!sip.account().registrar().isEmpty()) {
            servers.add(sip.account().registrar());
        }
        return servers;
    }

    /** Whose in-dialog requests are taken besides the far end's own: {@code sip.allow-incoming-from} and servers. */
    static List<String> trustedInCalls(SipConfig sip) {
        List<String> peers = new ArrayList<>(sip.incoming().allowFrom());
        peers.addAll(servers(sip));
        return List.copyOf(peers);
    }

    /** Whom the terminal sends to: the servers, then the call targets (the local address must reach them). */
    static List<String> toReach(KioskConfig config) {
        List<String> peers = servers(config.sip());
        peers.addAll(config.call().targets());
        return peers;
    }

    /** Every host name to keep resolved: peers to reach, after-hours targets, the allow-list, the local address. */
    static List<String> toResolve(KioskConfig config) {
        SipConfig sip = config.sip();
        List<String> names = new ArrayList<>();
        for (String peer : toReach(config)) {
            names.add(LocalAddress.hostOf(peer));
        }
        config.call().afterHoursTargets().forEach(t -> names.add(LocalAddress.hostOf(t)));
        sip.incoming().allowFrom().forEach(h -> names.add(LocalAddress.hostOf(h)));
        if (!sip.localAddress().isEmpty()) {
            names.add(sip.localAddress());
        }
        return names;
    }
}
