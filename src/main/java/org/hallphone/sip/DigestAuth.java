package org.hallphone.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.config.Secret;

/**
 * Digest authentication of requests (RFC 3261 §22.4, RFC 2617 with qop=auth, RFC 8760 SHA-256 and SHA-512/256).
 * Written here rather than taken from JAIN-SIP's helper because that one sends a fixed cnonce and nonce count, reads
 * only the first challenge and knows only MD5. Of several challenges for one realm the first one with a supported
 * algorithm is answered (RFC 8760 §2.4). The password is given only to the registrar, the proxy and the targets'
 * domains, and only to {@code sip.realm} when that is set (review F11). Confined to the SIP thread.
 */
final class DigestAuth {

    /** The algorithms the terminal answers, as named in challenges (RFC 8760 §2.1), with their JDK digests. */
    enum Algorithm {
        MD5("MD5", "MD5"), SHA_256("SHA-256", "SHA-256"), SHA_512_256("SHA-512-256", "SHA-512/256");

        final String token;
        final String jdkName;

        Algorithm(String token, String jdkName) {
            this.token = token;
            this.jdkName = jdkName;
        }

        /** The algorithm a challenge names (absent: MD5), or null when it is not supported (e.g. *-sess). */
        static Algorithm named(String token) {
            if (token == null || token.isBlank()) {
                return MD5;
            }
            for (Algorithm a : values()) {
                if (a.token.equalsIgnoreCase(token.strip())) {
                    return a;
                }
            }
            return null;
        }

        String hash(String text) {
            try {
                MessageDigest digest = MessageDigest.getInstance(jdkName);
                return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jdkName + " is required of every JDK", e);
            }
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Nonces remembered for their counts; a challenge with a new nonce starts again at 1. */
    private static final int NONCES_KEPT = 16;

    private final String user;
    private final Secret password;
    private final TrustedDomains trusted;
    private final Map<String, Integer> nonceCounts = new LinkedHashMap<>();

    DigestAuth(String user, Secret password, TrustedDomains trusted) {
        this.user = user;
        this.password = password;
        this.trusted = trusted;
    }

    boolean hasCredentials() {
        return !password.isEmpty();
    }

    /**
     * True when the challenge says our last nonce merely expired ({@code stale=true}, RFC 2617 §3.2.1): the
     * credentials were right, so a retry with the new nonce does not count as a failed try.
     */
    static boolean isStale(Response challenge) {
        for (WWWAuthenticateHeader h : challenges(challenge)) {
            if (h.isStale() || "true".equalsIgnoreCase(h.getParameter("stale"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds an Authorization (401) or Proxy-Authorization (407) header for every realm challenged in
     * {@code challenge} to {@code request}, replacing earlier ones.
     *
     * @throws IllegalArgumentException when no challenge can be answered: no supported algorithm or qop, or the
     *                                  challenge comes from a host or realm the password must not go to
     */
    void authorize(Request request, Response challenge, HeaderFactory headers) throws ParseException {
        Challenger challenger = Challenger.of(challenge);
        Map<String, WWWAuthenticateHeader> chosen = answerablePerRealm(challenger, challenges(challenge));
        String host = TlsHostCheck.intendedHost(request);
        for (String realm : chosen.keySet()) {
            String refused = trusted == null ? null : trusted.refuseChallenge(host, realm);
            if (refused != null) {
                throw new IllegalArgumentException("credentials not sent: " + refused);
            }
        }
        request.removeHeader(challenger.answerHeader);
        for (WWWAuthenticateHeader h : chosen.values()) {
            request.addHeader(answer(request, h, challenger, headers));
        }
    }

    /**
     * Who challenged: a registrar or UAS (401, WWW-Authenticate, answered with Authorization) or a proxy (407,
     * Proxy-Authenticate, answered with Proxy-Authorization). RFC 3261 §22.2 and §22.3 differ in nothing else.
     */
    private enum Challenger {
        SERVER("401", WWWAuthenticateHeader.NAME, AuthorizationHeader.NAME),
        PROXY("407", ProxyAuthenticateHeader.NAME, ProxyAuthorizationHeader.NAME);

        final String status;
        final String challengeHeader;
        final String answerHeader;

        Challenger(String status, String challengeHeader, String answerHeader) {
            this.status = status;
            this.challengeHeader = challengeHeader;
            this.answerHeader = answerHeader;
        }

        static Challenger of(Response challenge) {
            return challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED ? PROXY : SERVER;
        }

        AuthorizationHeader newAnswer(HeaderFactory headers) throws ParseException {
            return this == PROXY ? headers.createProxyAuthorizationHeader("Digest")
                    : headers.createAuthorizationHeader("Digest");
        }
    }

    /**
     * Per realm, the first challenge whose algorithm and qop the terminal supports (RFC 8760 §2.4).
     *
     * @throws IllegalArgumentException when there is no challenge, or none can be answered
     */
    private static Map<String, WWWAuthenticateHeader> answerablePerRealm(Challenger challenger,
                                                                         List<WWWAuthenticateHeader> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException(challenger.status + " without " + challenger.challengeHeader);
        }
        Map<String, WWWAuthenticateHeader> chosen = new LinkedHashMap<>();
        List<String> unsupported = new ArrayList<>();
        for (WWWAuthenticateHeader h : all) {
            String realm = h.getRealm() == null ? "" : h.getRealm();
            if (chosen.containsKey(realm)) {
                continue;
            }
            String why = unsupported(h);
            if (why == null) {
                chosen.put(realm, h);
            } else {
                unsupported.add(why);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no supported digest challenge: " + String.join("; ", unsupported));
        }
        return chosen;
    }

    private AuthorizationHeader answer(Request request, WWWAuthenticateHeader h, Challenger challenger,
                                       HeaderFactory headers) throws ParseException {
        Algorithm algorithm = Algorithm.named(h.getAlgorithm());
        String realm = h.getRealm() == null ? "" : h.getRealm();
        String nonce = h.getNonce() == null ? "" : h.getNonce();
        boolean qopAuth = h.getQop() != null;
        int count = nextCount(nonce);
        String nc = String.format(Locale.ROOT, "%08x", count);
        String cnonce = HexFormat.of().formatHex(randomBytes());
        String uri = request.getRequestURI().toString();
        String response = response(algorithm, user, realm, password.value(), request.getMethod(), uri, nonce,
                qopAuth ? nc : null, cnonce);
        AuthorizationHeader auth = challenger.newAnswer(headers);
        auth.setUsername(user);
        auth.setRealm(realm);
        auth.setNonce(nonce);
        auth.setURI(request.getRequestURI());
        auth.setResponse(response);
        auth.setAlgorithm(algorithm.token);
        String opaque = h.getOpaque();
        if (opaque != null && !opaque.isEmpty()) {
            auth.setOpaque(opaque);
        }
        if (qopAuth) {
            auth.setQop("auth");
            auth.setCNonce(cnonce);
            auth.setNonceCount(count);
        }
        return auth;
    }

    /** Why a challenge cannot be answered, or null when it can. */
    private static String unsupported(WWWAuthenticateHeader h) {
        if (h.getScheme() != null && !"Digest".equalsIgnoreCase(h.getScheme())) {
            return "scheme " + h.getScheme();
        }
        if (Algorithm.named(h.getAlgorithm()) == null) {
            return "algorithm " + h.getAlgorithm();
        }
        String qop = h.getQop();
        if (qop != null && !hasToken(qop, "auth")) {
            return "qop " + qop;
        }
        return null;
    }

    private static List<WWWAuthenticateHeader> challenges(Response challenge) {
        List<WWWAuthenticateHeader> found = new ArrayList<>();
        ListIterator<?> it = challenge.getHeaders(Challenger.of(challenge).challengeHeader);
        while (it != null && it.hasNext()) {
            if (it.next() instanceof WWWAuthenticateHeader h) {
                found.add(h);
            }
        }
        return found;
    }

    private int nextCount(String nonce) {
        if (!nonceCounts.containsKey(nonce) && nonceCounts.size() >= NONCES_KEPT) {
            nonceCounts.remove(nonceCounts.keySet().iterator().next());
        }
        return nonceCounts.merge(nonce, 1, Integer::sum);
    }

    /** The request-digest of RFC 2617 §3.2.2.1 with MD5; {@code nc} null when the challenge has no qop. */
    static String response(String user, String realm, String password, String method, String uri, String nonce,
                           String nc, String cnonce) {
        return response(Algorithm.MD5, user, realm, password, method, uri, nonce, nc, cnonce);
    }

    /** The request-digest of RFC 8760 §3 / RFC 2617 §3.2.2.1 with {@code algorithm}. */
    static String response(Algorithm algorithm, String user, String realm, String password, String method,
                           String uri, String nonce, String nc, String cnonce) {
        String ha1 = algorithm.hash(user + ':' + realm + ':' + password);
        String ha2 = algorithm.hash(method + ':' + uri);
        return nc != null
                ? algorithm.hash(ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ":auth:" + ha2)
                : algorithm.hash(ha1 + ':' + nonce + ':' + ha2);
    }

    private static boolean hasToken(String list, String token) {
        for (String t : list.split(",")) {
            if (t.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String md5(String text) {
        return Algorithm.MD5.hash(text);
    }
}
