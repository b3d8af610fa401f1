package org.hallphone.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * SIP account and transport ({@code sip.*}), in groups: where the terminal listens, the account it calls from, the
 * keep-alive, what it lets in, TLS and RTP.
 *
 * @param localAddress {@code sip.local-address}: address to bind and advertise; empty: chosen automatically
 * @param localPort    {@code sip.local-port} (default 5060; 0 picks a free port, for tests)
 * @param transport    {@code sip.transport}
 * @param account      the account at the registrar or trunk
 * @param keepAlive    keeping the NAT binding towards the PBX open
 * @param incoming     what reaches the terminal from the network
 * @param tls          trust and client certificate for {@code sip.transport=tls}
 * @param rtp          local RTP ports, RTP time-out, encryption and where media may go
 */
public record SipConfig(
        String localAddress,
        int localPort,
        Transport transport,
        Account account,
        KeepAlive keepAlive,
        Incoming incoming,
        Tls tls,
        Rtp rtp) {

    public SipConfig {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(rtp, "rtp");
        if (rtp.srtp() == null) {
            rtp = rtp.withSrtp(Srtp.defaultFor(transport));
        }
    }

    /**
     * The account the terminal calls from and registers with.
     *
     * @param registrar      {@code sip.registrar}: host[:port]; empty: no registration (trunk by IP)
     * @param proxy          {@code sip.proxy}: outbound proxy host[:port]; empty: none
     * @param user           {@code sip.user}: account user part (also the From user); empty: {@code terminal.id}
     * @param authUser       {@code sip.auth-user}: digest user name; empty: {@link #user}
     * @param domain         {@code sip.domain}: From/To domain of the account; empty: the registrar's host
     * @param password       {@code sip.password} or the content of {@code sip.password-file}
     * @param realm          {@code sip.realm}: the only digest realm the password is given to; empty: any realm of the
     *                       configured registrar, proxy and target domains
     * @param registerExpiry {@code sip.register-expires-s}: requested registration lifetime (default 600 s)
     * @param sendVersion    {@code sip.send-version}: the software version in User-Agent/Server (default true)
     */
    public record Account(String registrar, String proxy, String user, String authUser, String domain,
                          Secret password, String realm, Duration registerExpiry, boolean sendVersion) {
        public Account {
            realm = realm == null ? "" : realm;
        }
    }

    /**
     * @param period {@code sip.keepalive-s}: UDP keep-alive period (default 25 s), zero: off
     * @param method {@code sip.keepalive-method}: {@code crlf} or {@code options}
     */
    public record KeepAlive(Duration period, KeepAliveMethod method) {
    }

    /**
     * @param allowFrom       {@code sip.allow-incoming-from}: hosts or addresses allowed to call the terminal back
     * @param maxMessageBytes {@code sip.max-message-bytes}: larger messages are dropped (default 65535)
     */
    public record Incoming(List<String> allowFrom, int maxMessageBytes) {
        public Incoming {
            allowFrom = List.copyOf(allowFrom);
        }
    }

    /**
     * @param trustStore         {@code sip.tls.trust-store}: PKCS12/JKS trust store for TLS; null: the JDK's
     * @param trustStorePassword {@code sip.tls.trust-store-password}
     * @param keyStore           {@code sip.tls.key-store}: client certificate, optional
     * @param keyStorePassword   {@code sip.tls.key-store-password}
     */
    public record Tls(Path trustStore, Secret trustStorePassword, Path keyStore, Secret keyStorePassword) {

        /** The JDK's trust store and no client certificate. */
        public static final Tls NONE = new Tls(null, Secret.NONE, null, Secret.NONE);
    }

    /**
     * @param portMin    {@code sip.rtp-port-min}: lowest local RTP port (even), default 16384
     * @param portMax    {@code sip.rtp-port-max}: highest local RTP port, default 16999
     * @param inactivity {@code sip.rtp-timeout-s}: a call with no RTP received this long ends (default 30 s)
     * @param srtp       {@code sip.srtp}: whether calls are encrypted (SRTP with SDES keys); null: the default for
     *                   the transport (required with TLS, off otherwise)
     * @param mediaAllow {@code sip.media-allow}: IP networks (CIDR) a call-back's SDP may send media to besides the
     *                   address its signalling came from; empty: only that address
     */
    public record Rtp(int portMin, int portMax, Duration inactivity, Srtp srtp, List<String> mediaAllow) {
        public Rtp {
            mediaAllow = List.copyOf(mediaAllow);
        }

        public Rtp withSrtp(Srtp mode) {
            return new Rtp(portMin, portMax, inactivity, mode, mediaAllow);
        }
    }

    /** The same configuration with {@code sip.srtp} set (null: the default for the transport). */
    public SipConfig withSrtp(Srtp mode) {
        return new SipConfig(localAddress, localPort, transport, account, keepAlive, incoming, tls,
                rtp.withSrtp(mode));
    }

    public boolean registers() {
        return !account.registrar().isEmpty();
    }

    public enum Transport { UDP, TCP, TLS }

    public enum KeepAliveMethod { CRLF, OPTIONS }

    /**
     * {@code sip.srtp}: SRTP (RFC 3711) with keys in the SDP (SDES, RFC 4568). {@code OFF}: plain RTP only, SRTP-only
     * offers are refused with 488. {@code OPTIONAL}: offers RTP/AVP with keys (best effort) and takes what the far
     * end answers; answers SRTP when offered. {@code REQUIRED}: offers RTP/SAVP only and refuses plain offers.
     */
    public enum Srtp {
        OFF, OPTIONAL, REQUIRED;

        /** Keys travel inside the SIP messages: only TLS keeps them secret, so TLS defaults to required. */
        public static Srtp defaultFor(Transport transport) {
            return transport == Transport.TLS ? REQUIRED : OFF;
        }
    }
}
