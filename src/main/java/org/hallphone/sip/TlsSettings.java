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
        p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", TlsHostCheck.class.getName());
        // every new TLS connection checks the server's name in its handshake, with or without a transaction (F19)
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", TlsPeerCheck.class.getName());
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ", cipherSuites()));
        if (sip.tls().trustStore() != null) {
            p.setProperty("javax.net.ssl.trustStore", sip.tls().trustStore().toAbsolutePath().toString());
            p.setProperty("javax.net.ssl.trustStorePassword", sip.tls().trustStorePassword().value());
            p.setProperty("javax.net.ssl.trustStoreType", storeType(sip.tls().trustStore().toString()));
        }
        if (sip.tls().keyStore() != null) {
            p.setProperty("javax.net.ssl.keyStore", sip.tls().keyStore().toAbsolutePath().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", sip.tls().keyStorePassword().value());
            p.setProperty("javax.net.ssl.keyStoreType", storeType(sip.tls().keyStore().toString()));
        } else if (sip.tls().trustStore() != null) {
            // JAIN-SIP 1.3 reads the trust store properties only when a key store is set too (else it silently
            // falls back to the JDK's trust): the trust store, which holds no private key, stands in for it
            p.setProperty("javax.net.ssl.keyStore", sip.tls().trustStore().toAbsolutePath().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", sip.tls().trustStorePassword().value());
            p.setProperty("javax.net.ssl.keyStoreType", storeType(sip.tls().trustStore().toString()));
        }
    }

    /** The JDK's default suites minus anonymous, NULL and export ones (the JDK disables most already). */
    static java.util.List<String> cipherSuites() {
        try {
            String[] defaults = javax.net.ssl.SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
            java.util.List<String> allowed = new java.util.ArrayList<>();
            for (String suite : defaults) {
                String s = suite.toUpperCase(Locale.ROOT);
                if (!s.contains("_ANON_") && !s.contains("_NULL_") && !s.contains("_EXPORT")
                        && !s.contains("_DES_") && !s.contains("_RC4_") && !s.contains("SCSV")) {
                    allowed.add(suite);
                }
            }
            return allowed;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    private static String storeType(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
    }
}
