package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pure logic of review findings F11, F14 and F20: digest algorithms, SDP checks, trusted domains. */
class SecurityUnitTest {

    // ---- F11: digest ------------------------------------------------------------------------------------------

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

    // ---- F11: redirects and challenges -----------------------------------------------------------------------

    @Test
    void trustedDomainsCoverSubdomainsButNotLookAlikes() {
        TrustedDomains t = new TrustedDomains(List.of("sip:reps@pbx.example", "10.0.0.5:5060", ""), "");
        assertTrue(t.covers("pbx.example"));
        assertTrue(t.covers("EU.pbx.example"));
        assertTrue(t.covers("10.0.0.5"));
        assertEquals(false, t.covers("evilpbx.example"));
        assertEquals(false, t.covers("pbx.example.attacker.example"));
        assertEquals(false, t.covers("1.10.0.0.5"));
    }

    @Test
    void redirectsStayInTrustedDomainsAndNeverLeaveSips() throws Exception {
        AddressFactoryImpl uris = new AddressFactoryImpl();
        TrustedDomains t = new TrustedDomains(List.of("pbx.example"), "");
        assertNull(t.refuseRedirect(uris.createURI("sip:reps@pbx.example"), uris.createURI("sip:desk@pbx.example")));
        assertNotNull(t.refuseRedirect(uris.createURI("sip:reps@pbx.example"),
                uris.createURI("sip:x@attacker.example")));
        assertNotNull(t.refuseRedirect(uris.createURI("sips:reps@pbx.example"),
                uris.createURI("sip:desk@pbx.example")), "sips: -> sip: is a downgrade");
        assertNull(t.refuseRedirect(uris.createURI("sips:reps@pbx.example"), uris.createURI("sips:d@pbx.example")));
        assertNotNull(t.refuseRedirect(uris.createURI("sip:reps@pbx.example"), uris.createURI("tel:+1555")));
    }

    @Test
    void challengesAreAnsweredOnlyForTheConfiguredRealmAndHosts() {
        TrustedDomains anyRealm = new TrustedDomains(List.of("pbx.example"), "");
        assertNull(anyRealm.refuseChallenge("pbx.example", "whatever"));
        assertNotNull(anyRealm.refuseChallenge("attacker.example", "pbx.example"));
        TrustedDomains bound = new TrustedDomains(List.of("pbx.example"), "asterisk");
        assertNull(bound.refuseChallenge("pbx.example", "asterisk"));
        assertNotNull(bound.refuseChallenge("pbx.example", "other"));
    }

    // ---- F14 / F9: SDP ----------------------------------------------------------------------------------------

    private static String sdp(String connection, String formats, String... attributes) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=" + connection
                + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP " + formats + "\r\n");
        for (String a : attributes) {
            s.append("a=").append(a).append("\r\n");
        }
        return s.toString();
    }

    @Test
    void connectionHostNamesAreRefusedWithoutALookup() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sdp.parse(sdp("IN IP4 media.attacker.example", "0")));
        assertTrue(e.getMessage().contains("not a literal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 localhost", "0")));
    }

    @Test
    void multicastBroadcastAndMismatchedAddressTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 239.1.2.3", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 239.1.2.3/127", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP6 ff02::1", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 255.255.255.255", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP6 10.0.0.1", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 2001:db8::1", "0")));
        assertEquals(40000, Sdp.parse(sdp("IN IP6 2001:db8::1", "0")).remote().getPort());
        assertEquals(SdpMedia.Direction.INACTIVE, Sdp.parse(sdp("IN IP4 0.0.0.0", "0")).direction(), "hold");
    }

    @Test
    void dynamicPayloadTypesOnlyFrom96To127() {
        assertEquals(-1, Sdp.parse(sdp("IN IP4 10.0.0.9", "0 200", "rtpmap:200 telephone-event/8000"))
                .telephoneEvent(), "200 is no RTP payload type");
        assertEquals(-1, Sdp.parse(sdp("IN IP4 10.0.0.9", "0 50", "rtpmap:50 telephone-event/8000"))
                .telephoneEvent(), "50 is not dynamic");
        assertEquals(127, Sdp.parse(sdp("IN IP4 10.0.0.9", "0 127", "rtpmap:127 telephone-event/8000"))
                .telephoneEvent());
        assertThrows(IllegalArgumentException.class,
                () -> Sdp.parse(sdp("IN IP4 10.0.0.9", "130", "rtpmap:130 PCMU/8000")));
    }

    @Test
    void mediaMayNotPointAtTheTerminalOrLoopbackFromAfar() throws Exception {
        InetAddress far = InetAddress.getByName("192.0.2.7");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        SdpMedia atLoopback = Sdp.parse(sdp("IN IP4 127.0.0.1", "0"));
        assertNotNull(Sdp.refuseTarget(atLoopback, far, 5060, 16384), "loopback from a remote peer");
        assertNull(Sdp.refuseTarget(atLoopback, loopback, 5060, 16384), "a peer on loopback itself");
        SdpMedia atSipPort = Sdp.parse(sdp("IN IP4 127.0.0.1", "0").replace("40000", "5060"));
        assertNotNull(Sdp.refuseTarget(atSipPort, loopback, 5060, 16384), "our own SIP port");
        SdpMedia atRtpPort = Sdp.parse(sdp("IN IP4 127.0.0.1", "0").replace("40000", "16384"));
        assertNotNull(Sdp.refuseTarget(atRtpPort, loopback, 5060, 16384), "our own RTP port");
        assertNull(Sdp.refuseTarget(Sdp.parse(sdp("IN IP4 0.0.0.0", "0")), far, 5060, 16384), "hold");
        assertNull(Sdp.refuseTarget(Sdp.parse(sdp("IN IP4 192.0.2.8", "0")), far, 5060, 16384));
    }

    // ---- F9: literals -----------------------------------------------------------------------------------------

    @Test
    void literalsNeedNoLookup() {
        assertTrue(Resolver.isLiteral("10.1.2.3"));
        assertTrue(Resolver.isLiteral("[2001:db8::1]"));
        assertTrue(Resolver.isLiteral("::1"));
        assertEquals(false, Resolver.isLiteral("1.2.3"));
        assertEquals(false, Resolver.isLiteral("pbx.example"));
        assertEquals(false, Resolver.isLiteral("10.1.2.300"));
        assertNull(Resolver.literal("pbx.example"));
    }
}
