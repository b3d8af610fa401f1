package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.sip.SipFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.config.Secret;
import org.junit.jupiter.api.Test;

/**
 * Digest request-digests against the RFC examples (RFC 2617, RFC 7616/8760), the algorithms by name, and which header
 * answers a registrar's (401) and a proxy's (407) challenge.
 */
class DigestAuthTest {

    @Test
    void digestMatchesRfc2617Example() {
        // RFC 2617 §3.5
        assertEquals("6629fae49393a05397450978507c4ef1", DigestAuth.response("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001",
                "0a4f113b"));
    }

    @Test
    void sha256DigestMatchesTheRfc7616Example() {
        // RFC 7616 §3.9.1 (the same request-digest as RFC 8760 uses for SIP)
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestAuth.response(DigestAuth.Algorithm.SHA_256, "Mufasa", "http-auth@example.org",
                        "Circle of Life", "GET", "/dir/index.html", nonce, "00000001", cnonce));
        assertEquals("8ca523f5e9506fed4657c9700eebdbec",
                DigestAuth.response(DigestAuth.Algorithm.MD5, "Mufasa", "http-auth@example.org",
                        "Circle of Life", "GET", "/dir/index.html", nonce, "00000001", cnonce));
    }

    @Test
    void algorithmsByTheirChallengeNames() {
        assertEquals(DigestAuth.Algorithm.MD5, DigestAuth.Algorithm.named(null));
        assertEquals(DigestAuth.Algorithm.SHA_256, DigestAuth.Algorithm.named("sha-256"));
        assertEquals(DigestAuth.Algorithm.SHA_512_256, DigestAuth.Algorithm.named("SHA-512-256"));
        assertNull(DigestAuth.Algorithm.named("MD5-sess"));
        assertEquals(64, DigestAuth.Algorithm.SHA_512_256.hash("x").length());
    }

    private static final String INVITE = "INVITE sip:reps@pbx.example SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1\r\nFrom: <sip:k@pbx.example>;tag=1\r\n"
            + "To: <sip:reps@pbx.example>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static Response challenge(int status, String header) throws Exception {
        return SipFactory.getInstance().createMessageFactory().createResponse("SIP/2.0 " + status + " Challenge\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1\r\nFrom: <sip:k@pbx.example>;tag=1\r\n"
                + "To: <sip:reps@pbx.example>;tag=2\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n"
                + (header.isEmpty() ? "" : header + "\r\n") + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void aServerChallengeIsAnsweredWithAuthorizationAndAProxyOneWithProxyAuthorization() throws Exception {
        MessageFactory messages = SipFactory.getInstance().createMessageFactory();
        HeaderFactory headers = SipFactory.getInstance().createHeaderFactory();
        DigestAuth auth = new DigestAuth("kiosk", new Secret("pw"), new TrustedDomains(List.of("pbx.example"), ""));
        String digest = "Digest realm=\"pbx.example\", nonce=\"abc\", qop=\"auth\", algorithm=SHA-256";

        Request toServer = messages.createRequest(INVITE);
        auth.authorize(toServer, challenge(401, "WWW-Authenticate: " + digest), headers);
        String answer = toServer.getHeader("Authorization").toString();
        assertTrue(answer.contains("algorithm=SHA-256") && answer.contains("nc=00000001"), answer);
        assertNull(toServer.getHeader("Proxy-Authorization"));

        Request toProxy = messages.createRequest(INVITE);
        auth.authorize(toProxy, challenge(407, "Proxy-Authenticate: " + digest), headers);
        assertTrue(toProxy.getHeader("Proxy-Authorization").toString().contains("username=\"kiosk\""));
        assertNull(toProxy.getHeader("Authorization"));

        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class,
                () -> auth.authorize(messages.createRequest(INVITE), challenge(407, ""), headers));
        assertEquals("407 without Proxy-Authenticate", bare.getMessage());
        Request toStranger = messages.createRequest(INVITE.replace("reps@pbx.example SIP", "x@evil.example SIP"));
        IllegalArgumentException stranger = assertThrows(IllegalArgumentException.class,
                () -> auth.authorize(toStranger, challenge(401, "WWW-Authenticate: " + digest), headers));
        assertTrue(stranger.getMessage().startsWith("credentials not sent"), stranger.getMessage());
    }
}
