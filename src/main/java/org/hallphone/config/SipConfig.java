package org.hallphone.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * SIP account and transport ({@code sip.*}).
 *
 * @param localAddress       {@code sip.local-address}: address to bind and advertise; empty: chosen automatically
 * @param localPort          {@code sip.local-port} (default 5060; 0 picks a free port, for tests)
 * @param transport          {@code sip.transport}
 * @param registrar          {@code sip.registrar}: host[:port]; empty: no registration (trunk by IP)
 * @param proxy              {@code sip.proxy}: outbound proxy host[:port]; empty: none
 * @param user               {@code sip.user}: account user part (also the From user); empty: {@code terminal.id}
 * @param authUser           {@code sip.auth-user}: digest user name; empty: {@link #user}
 * @param domain             {@code sip.domain}: From/To domain of the account; empty: the registrar's host
 * @param password           {@code sip.password} or the content of {@code sip.password-file}
 * @param registerExpiry     {@code sip.register-expires-s}: requested registration lifetime (default 600 s)
 * @param keepAlive          {@code sip.keepalive-s}: UDP keep-alive period (default 25 s), zero: off
 * @param keepAliveMethod    {@code sip.keepalive-method}: {@code crlf} or {@code options}
 * @param allowIncomingFrom  {@code sip.allow-incoming-from}: hosts or addresses allowed to call the terminal back
 * @param maxMessageBytes    {@code sip.max-message-bytes}: larger messages are dropped (default 65535)
 * @param tlsTrustStore      {@code sip.tls.trust-store}: PKCS12/JKS trust store for TLS; null: the JDK's
 * @param tlsTrustStorePassword {@code sip.tls.trust-store-password}
 * @param tlsKeyStore        {@code sip.tls.key-store}: client certificate, optional
 * @param tlsKeyStorePassword {@code sip.tls.key-store-password}
 * @param rtpPortMin         {@code sip.rtp-port-min}: lowest local RTP port (even), default 16384
 * @param rtpPortMax         {@code sip.rtp-port-max}: highest local RTP port, default 16999
 * @param rtpInactivity      {@code sip.rtp-timeout-s}: a call with no RTP received this long ends (default 30 s)
 * @param realm              {@code sip.realm}: the only digest realm the password is given to; empty: any realm of
 *                           the configured registrar, proxy and target domains
 * @param mediaAllow         {@code sip.media-allow}: IP networks (CIDR) a call-back's SDP may send media to besides
 *                           the address its signalling came from; empty: only that address
 * @param sendVersion        {@code sip.send-version}: the software version in User-Agent/Server (default true)
 * @param srtp               {@code sip.srtp}: whether calls are encrypted (SRTP with SDES keys); unset: required
 *                           with TLS, off otherwise
 */
public record SipConfig(
        String localAddress,
        int localPort,
        Transport transport,
        String registrar,
        String proxy,
        String user,
        String authUser,
        String domain,
        Secret password,
        Duration registerExpiry,
        Duration keepAlive,
        KeepAliveMethod keepAliveMethod,
        List<String> allowIncomingFrom,
        int maxMessageBytes,
        Path tlsTrustStore,
        Secret tlsTrustStorePassword,
        Path tlsKeyStore,
        Secret tlsKeyStorePassword,
        int rtpPortMin,
        int rtpPortMax,
        Duration rtpInactivity,
        String realm,
        List<String> mediaAllow,
        boolean sendVersion,
        Srtp srtp) {

    public SipConfig {
        allowIncomingFrom = List.copyOf(allowIncomingFrom);
        realm = realm == null ? "" : realm;
        mediaAllow = List.copyOf(mediaAllow);
        if (srtp == null) {
            srtp = Srtp.defaultFor(transport);
        }
    }

    /**
     * Without {@code sip.realm}, {@code sip.media-allow} (empty), with {@code sip.send-version} (true) and
     * {@code sip.srtp} at its default for the transport.
     */
    public SipConfig(String localAddress, int localPort, Transport transport, String registrar, String proxy,
                     String user, String authUser, String domain, Secret password, Duration registerExpiry,
                     Duration keepAlive, KeepAliveMethod keepAliveMethod, List<String> allowIncomingFrom,
                     int maxMessageBytes, Path tlsTrustStore, Secret tlsTrustStorePassword, Path tlsKeyStore,
                     Secret tlsKeyStorePassword, int rtpPortMin, int rtpPortMax, Duration rtpInactivity) {
        this(localAddress, localPort, transport, registrar, proxy, user, authUser, domain, password, registerExpiry,
                keepAlive, keepAliveMethod, allowIncomingFrom, maxMessageBytes, tlsTrustStore, tlsTrustStorePassword,
                tlsKeyStore, tlsKeyStorePassword, rtpPortMin, rtpPortMax, rtpInactivity, "", List.of(), true, null);
    }

    /** With {@code sip.realm}; without {@code sip.media-allow} and with {@code sip.send-version}. */
    public SipConfig(String localAddress, int localPort, Transport transport, String registrar, String proxy,
                     String user, String authUser, String domain, Secret password, Duration registerExpiry,
                     Duration keepAlive, KeepAliveMethod keepAliveMethod, List<String> allowIncomingFrom,
                     int maxMessageBytes, Path tlsTrustStore, Secret tlsTrustStorePassword, Path tlsKeyStore,
                     Secret tlsKeyStorePassword, int rtpPortMin, int rtpPortMax, Duration rtpInactivity,
                     String realm) {
        this(localAddress, localPort, transport, registrar, proxy, user, authUser, domain, password, registerExpiry,
                keepAlive, keepAliveMethod, allowIncomingFrom, maxMessageBytes, tlsTrustStore, tlsTrustStorePassword,
                tlsKeyStore, tlsKeyStorePassword, rtpPortMin, rtpPortMax, rtpInactivity, realm, List.of(), true, null);
    }

    /** Without {@code sip.realm}. */
    public SipConfig(String localAddress, int localPort, Transport transport, String registrar, String proxy,
                     String user, String authUser, String domain, Secret password, Duration registerExpiry,
                     Duration keepAlive, KeepAliveMethod keepAliveMethod, List<String> allowIncomingFrom,
                     int maxMessageBytes, Path tlsTrustStore, Secret tlsTrustStorePassword, Path tlsKeyStore,
                     Secret tlsKeyStorePassword, int rtpPortMin, int rtpPortMax, Duration rtpInactivity,
                     List<String> mediaAllow, boolean sendVersion) {
        this(localAddress, localPort, transport, registrar, proxy, user, authUser, domain, password, registerExpiry,
                keepAlive, keepAliveMethod, allowIncomingFrom, maxMessageBytes, tlsTrustStore, tlsTrustStorePassword,
                tlsKeyStore, tlsKeyStorePassword, rtpPortMin, rtpPortMax, rtpInactivity, "", mediaAllow, sendVersion,
                null);
    }

    /** The same configuration with {@code sip.srtp} set (null: the default for the transport). */
    public SipConfig withSrtp(Srtp mode) {
        return new SipConfig(localAddress, localPort, transport, registrar, proxy, user, authUser, domain, password,
                registerExpiry, keepAlive, keepAliveMethod, allowIncomingFrom, maxMessageBytes, tlsTrustStore,
                tlsTrustStorePassword, tlsKeyStore, tlsKeyStorePassword, rtpPortMin, rtpPortMax, rtpInactivity, realm,
                mediaAllow, sendVersion, mode);
    }

    public boolean registers() {
        return !registrar.isEmpty();
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
