package org.hallphone.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Locale;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.config.Secret;

/**
 * Digest authentication of requests (RFC 3261 §22.4 with RFC 2617 MD5 and qop=auth). Written here rather than
 * taken from JAIN-SIP's helper because that one sends a fixed cnonce and nonce count. Confined to the SIP thread.
 */
final class DigestAuth {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final Secret password;
    private String lastNonce = "";
    private int nonceCount;

    DigestAuth(String user, Secret password) {
        this.user = user;
        this.password = password;
    }

    boolean hasCredentials() {
        return !password.isEmpty();
    }

    /**
     * Adds an Authorization (401) or Proxy-Authorization (407) header answering the challenges in
     * {@code challenge} to {@code request}, replacing any earlier one for the same realm.
     *
     * @throws IllegalArgumentException when the challenge asks for something unsupported (not MD5, no qop=auth)
     */
    void authorize(Request request, Response challenge, HeaderFactory headers) throws ParseException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        String realm;
        String nonce;
        String opaque;
        String algorithm;
        String qopOptions;
        if (proxy) {
            ProxyAuthenticateHeader h = (ProxyAuthenticateHeader) challenge.getHeader(ProxyAuthenticateHeader.NAME);
            if (h == null) {
                throw new IllegalArgumentException("407 without Proxy-Authenticate");
            }
            realm = h.getRealm();
            nonce = h.getNonce();
            opaque = h.getOpaque();
            algorithm = h.getAlgorithm();
            qopOptions = h.getQop();
        } else {
            WWWAuthenticateHeader h = (WWWAuthenticateHeader) challenge.getHeader(WWWAuthenticateHeader.NAME);
            if (h == null) {
                throw new IllegalArgumentException("401 without WWW-Authenticate");
            }
            realm = h.getRealm();
            nonce = h.getNonce();
            opaque = h.getOpaque();
            algorithm = h.getAlgorithm();
            qopOptions = h.getQop();
        }
        if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
            throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        }
        realm = realm == null ? "" : realm;
        nonce = nonce == null ? "" : nonce;
        boolean qopAuth = qopOptions != null && hasToken(qopOptions, "auth");
        if (qopOptions != null && !qopAuth) {
            throw new IllegalArgumentException("unsupported digest qop " + qopOptions);
        }
        if (!nonce.equals(lastNonce)) {
            lastNonce = nonce;
            nonceCount = 0;
        }
        nonceCount++;
        String nc = String.format(Locale.ROOT, "%08x", nonceCount);
        String cnonce = HexFormat.of().formatHex(randomBytes());
        String uri = request.getRequestURI().toString();
        String response = response(user, realm, password.value(), request.getMethod(), uri, nonce,
                qopAuth ? nc : null, cnonce);

        AuthorizationHeader auth = proxy
                ? headers.createProxyAuthorizationHeader("Digest")
                : headers.createAuthorizationHeader("Digest");
        auth.setUsername(user);
        auth.setRealm(realm);
        auth.setNonce(nonce);
        auth.setURI(request.getRequestURI());
        auth.setResponse(response);
        auth.setAlgorithm("MD5");
        if (opaque != null && !opaque.isEmpty()) {
            auth.setOpaque(opaque);
        }
        if (qopAuth) {
            auth.setQop("auth");
            auth.setCNonce(cnonce);
            auth.setNonceCount(nonceCount);
        }
        request.removeHeader(proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME);
        request.addHeader(auth);
    }

    /** The request-digest of RFC 2617 §3.2.2.1 (MD5); {@code nc} null when the challenge has no qop. */
    static String response(String user, String realm, String password, String method, String uri, String nonce,
                           String nc, String cnonce) {
        String ha1 = md5(user + ':' + realm + ':' + password);
        String ha2 = md5(method + ':' + uri);
        return nc != null
                ? md5(ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ":auth:" + ha2)
                : md5(ha1 + ':' + nonce + ':' + ha2);
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
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }
}
