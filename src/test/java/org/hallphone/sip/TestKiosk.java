package org.hallphone.sip;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hallphone.config.CallConfig;
import org.hallphone.config.KioskConfig;
import org.hallphone.config.Secret;
import org.hallphone.config.SipConfig;
import org.hallphone.config.TerminalConfig;

/**
 * A configuration for SIP tests: loopback, a free port, the defaults of docs/configuration.md otherwise. Mutable
 * builder.
 */
final class TestKiosk {

    String terminalId = "ivanovo-onco-hall1";
    String terminalName = "Онкодиспансер, холл 1";
    String localAddress = "127.0.0.1";
    int localPort = 0;
    SipConfig.Transport transport = SipConfig.Transport.UDP;
    String registrar = "";
    String proxy = "";
    String user = "";
    String authUser = "";
    String domain = "";
    String password = "";
    Duration registerExpiry = Duration.ofSeconds(600);
    Duration keepAlive = Duration.ZERO;
    SipConfig.KeepAliveMethod keepAliveMethod = SipConfig.KeepAliveMethod.CRLF;
    List<String> allowIncomingFrom = new ArrayList<>();
    int maxMessageBytes = 65535;
    Path trustStore;
    String trustStorePassword = "";
    Duration rtpTimeout = Duration.ofSeconds(30);
    /** {@code sip.srtp}; null: the default for the transport. */
    SipConfig.Srtp srtp;
    List<String> targets = new ArrayList<>(List.of("sip:reps@127.0.0.1"));
    String realm = "";
    List<String> redirectDomains = new ArrayList<>();

    KioskConfig build() {
        SipConfig sip = new SipConfig(localAddress, localPort, transport,
                new SipConfig.Account(registrar, proxy, user, authUser, domain, new Secret(password), realm,
                        registerExpiry, true),
                new SipConfig.KeepAlive(keepAlive, keepAliveMethod),
                new SipConfig.Incoming(allowIncomingFrom, maxMessageBytes),
                new SipConfig.Tls(trustStore, new Secret(trustStorePassword), null, Secret.NONE),
                new SipConfig.Rtp(16384, 16999, rtpTimeout, srtp, List.of()));
        CallConfig call = new CallConfig(targets, Duration.ofSeconds(30), 2, Duration.ofSeconds(1200),
                Duration.ofSeconds(60), null, List.of(), List.of(), '\0', Duration.ofSeconds(10), 3, redirectDomains);
        return new KioskConfig(Path.of("test.properties"), new TerminalConfig(terminalId, terminalName), null, sip,
                call, null, null, null, null);
    }
}
