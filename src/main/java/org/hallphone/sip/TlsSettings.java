package org.hallphone.sip;

import java.util.Locale;
import java.util.Properties;
import org.hallphone.config.SipConfig;

/**
 * TLS stack properties: TLS 1.2 or newer only, the configured trust store (else the JDK's), an optional client
 * certificate. JAIN-SIP reads the key and trust stores from its own properties, not from system properties.
 */
final class TlsSettings {

    /** Protocols the terminal accepts (RFC 8996 deprecates older ones). */
    static final String PROTOCOLS = "TLSv1.3,TLSv1.2";

    private TlsSettings() {
    }

    static void apply(SipConfig sip, Properties p) {
        if (sip.transport() != SipConfig.Transport.TLS) {
            return;
        }
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", PROTOCOLS);
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "10000");
        if (sip.tlsTrustStore() != null) {
            p.setProperty("javax.net.ssl.trustStore", sip.tlsTrustStore().toAbsolutePath().toString());
            p.setProperty("javax.net.ssl.trustStorePassword", sip.tlsTrustStorePassword().value());
            p.setProperty("javax.net.ssl.trustStoreType", storeType(sip.tlsTrustStore().toString()));
        }
        if (sip.tlsKeyStore() != null) {
            p.setProperty("javax.net.ssl.keyStore", sip.tlsKeyStore().toAbsolutePath().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", sip.tlsKeyStorePassword().value());
            p.setProperty("javax.net.ssl.keyStoreType", storeType(sip.tlsKeyStore().toString()));
        }
    }

    private static String storeType(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
    }
}
