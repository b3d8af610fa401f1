package org.hallphone.sip;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host-name verification for outgoing TLS connections (RFC 5922 §7.1, RFC 6125): the server certificate (already
 * validated against the trust store by the TLS layer) must name the host the terminal meant to reach, that is the
 * top Route's host (the outbound proxy) or else the Request-URI's host. JAIN-SIP checks the chain but not the name;
 * it instantiates this class by reflection ({@code gov.nist.javax.sip.TLS_SECURITY_POLICY}).
 */
public final class TlsHostCheck implements TlsSecurityPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(TlsHostCheck.class);

    public TlsHostCheck() {
        // instantiated by the stack
    }

    @Override
    public void enforceTlsPolicy(ClientTransactionExt transaction) throws SecurityException {
        if (transaction == null) {
            return; // a connection the stack opens to send a response: the peer connected to us first
        }
        String host = intendedHost(transaction.getRequest());
        Certificate[] chain;
        try {
            chain = transaction.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new SecurityException("TLS peer not verified: " + e.getMessage(), e);
        }
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            throw new SecurityException("TLS peer sent no certificate");
        }
        if (!matches(cert, host)) {
            String message = "TLS certificate of the server does not name " + host + " (it names "
                    + names(cert) + ")";
            LOG.warn("{}", message);
            throw new SecurityException(message);
        }
    }

    static String intendedHost(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI uri = route != null ? route.getAddress().getURI() : request.getRequestURI();
        return uri instanceof SipURI sip ? HostPort.parse(sip.getHost(), 0).bareHost() : "";
    }

    /** RFC 6125 §6.4: DNS names (one leftmost wildcard label), IP addresses; the CN only when no SAN DNS name. */
    static boolean matches(X509Certificate cert, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        boolean ipLiteral = isIpLiteral(host);
        List<String> dnsNames = new ArrayList<>();
        try {
            Collection<List<?>> alt = cert.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    int type = (Integer) entry.get(0);
                    String value = String.valueOf(entry.get(1));
                    if (type == 7 && ipLiteral && sameAddress(value, host)) {
                        return true;
                    }
                    if (type == 2) {
                        dnsNames.add(value.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        if (ipLiteral) {
            return false;
        }
        if (dnsNames.isEmpty()) {
            dnsNames.addAll(commonNames(cert));
        }
        for (String name : dnsNames) {
            if (name.equals(wanted)) {
                return true;
            }
            if (name.startsWith("*.") && wanted.indexOf('.') > 0
                    && wanted.substring(wanted.indexOf('.') + 1).equals(name.substring(2))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static boolean sameAddress(String a, String b) {
        InetAddress x = Resolver.literal(a); // literals only: no DNS lookup inside a TLS handshake
        return x != null && x.equals(Resolver.literal(b));
    }

    private static List<String> commonNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            // no usable CN
        }
        return names;
    }

    private static String names(X509Certificate cert) {
        List<String> all = new ArrayList<>();
        try {
            Collection<List<?>> alt = cert.getSubjectAlternativeNames();
            if (alt != null) {
                alt.forEach(e -> all.add(String.valueOf(e.get(1))));
            }
        } catch (CertificateParsingException e) {
            // ignore
        }
        all.addAll(commonNames(cert));
        return String.join(", ", all);
    }
}
