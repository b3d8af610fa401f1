package org.hallphone.sip;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import org.hallphone.config.KioskConfig;
import org.hallphone.config.SipConfig;

/**
 * The hosts and domains the terminal's calls may go to and whose digest challenges it answers (review F11):
 * {@code call.redirect-domains}, else the hosts of the targets, the registrar, the proxy and {@code sip.domain}. A
 * configured domain also covers its subdomains ({@code pbx.example} allows {@code eu.pbx.example}); an IP address
 * only itself.
 */
final class TrustedDomains {

    private final List<String> domains;
    private final String realm;

    TrustedDomains(List<String> domains, String realm) {
        Set<String> clean = new LinkedHashSet<>();
        for (String d : domains) {
            String host = LocalAddress.hostOf(d).toLowerCase(Locale.ROOT);
            if (!host.isEmpty()) {
                clean.add(host);
            }
        }
        this.domains = List.copyOf(clean);
        this.realm = realm == null ? "" : realm;
    }

    static TrustedDomains of(KioskConfig config) {
        SipConfig sip = config.sip();
        List<String> domains = new ArrayList<>(config.call().redirectDomains());
        if (domains.isEmpty()) {
            domains.addAll(config.call().targets());
            domains.addAll(config.call().afterHoursTargets());
            domains.add(sip.account().registrar());
            domains.add(sip.account().proxy());
            domains.add(sip.account().domain());
        }
        return new TrustedDomains(domains, sip.account().realm());
    }

    List<String> domains() {
        return domains;
    }

    /** True when {@code host} (a name or an address) is one of the domains or below one. */
    boolean covers(String host) {
        String h = LocalAddress.hostOf(host).toLowerCase(Locale.ROOT);
        if (h.isEmpty()) {
            return false;
        }
        for (String d : domains) {
            if (h.equals(d) || (!Resolver.isLiteral(d) && !Resolver.isLiteral(h) && h.endsWith("." + d))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a redirect from {@code from} to {@code to} is refused, or null when it may be followed: only sip:/sips:
     * URIs, only into the trusted domains, and never from sips: down to sip: (RFC 5630).
     */
    String refuseRedirect(URI from, URI to) {
        if (!(to instanceof SipURI target)) {
            return "not a SIP URI";
        }
        if (from instanceof SipURI origin && origin.isSecure() && !target.isSecure()) {
            return "sips: must not be redirected to sip:";
        }
        if (!covers(target.getHost())) {
            return "host " + target.getHost() + " is not in call.redirect-domains " + domains;
        }
        return null;
    }

    /** Why the challenge of {@code realm} sent by {@code host} is not answered, or null when it may be. */
    String refuseChallenge(String host, String challengeRealm) {
        if (!realm.isEmpty() && !realm.equals(challengeRealm)) {
            return "realm \"" + challengeRealm + "\" is not sip.realm \"" + realm + "\"";
        }
        if (!covers(host)) {
            return "challenge from " + host + ", which is not the registrar, the proxy or a target's domain";
        }
        return null;
    }
}
