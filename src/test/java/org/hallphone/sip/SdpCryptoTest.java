package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.hallphone.call.Media;
import org.hallphone.config.SipConfig.Srtp;
import org.hallphone.media.PacketTransform;
import org.hallphone.media.SrtpSuite;
import org.junit.jupiter.api.Test;

/** SDES negotiation under each sip.srtp mode: what is offered, answered, accepted and refused. */
class SdpCryptoTest {

    private static final String KEY_80 = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    private static final InetSocketAddress FAR = new InetSocketAddress("192.0.2.7", 40000);

    private static String offerSdp(String profile, String... crypto) {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 192.0.2.7\r\ns=-\r\nc=IN IP4 192.0.2.7\r\n"
                + "t=0 0\r\nm=audio 40000 " + profile + " 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n");
        for (String c : crypto) {
            sdp.append("a=crypto:").append(c).append("\r\n");
        }
        return sdp.toString();
    }

    @Test
    void offersFollowTheMode() {
        assertEquals("RTP/AVP", SdpCrypto.Offer.of(Srtp.OFF).profile());
        assertEquals(List.of(), SdpCrypto.Offer.of(Srtp.OFF).attributes());
        SdpCrypto.Offer optional = SdpCrypto.Offer.of(Srtp.OPTIONAL);
        assertEquals("RTP/AVP", optional.profile());
        assertEquals(3, optional.attributes().size());
        assertTrue(optional.attributes().get(0).startsWith("crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"));
        assertTrue(optional.attributes().get(1).startsWith("crypto:2 AES_CM_128_HMAC_SHA1_32 inline:"));
        assertTrue(optional.attributes().get(2).startsWith("crypto:3 AEAD_AES_128_GCM inline:"));
        assertEquals("RTP/SAVP", SdpCrypto.Offer.of(Srtp.REQUIRED).profile());

        String sdp = Sdp.offer(FAR, 1, 1, "RTP/SAVP", SdpCrypto.Offer.of(Srtp.REQUIRED).attributes());
        SdpMedia parsed = Sdp.parse(sdp);
        assertEquals("RTP/SAVP", parsed.profile());
        assertEquals(3, parsed.crypto().size());
        assertFalse(parsed.toString().contains("inline"), parsed.toString());
    }

    @Test
    void offIsPlainAndRefusesSrtpOnlyOffers() throws Exception {
        SdpCrypto.Refused refused = assertThrows(SdpCrypto.Refused.class, () -> SdpCrypto.answer(
                Sdp.parse(offerSdp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 " + KEY_80)), Srtp.OFF, null));
        assertEquals(488, refused.status);
        SdpCrypto.Agreement bestEffort = SdpCrypto.answer(
                Sdp.parse(offerSdp("RTP/AVP", "1 AES_CM_128_HMAC_SHA1_80 " + KEY_80)), Srtp.OFF, null);
        assertFalse(bestEffort.encrypted());
        assertEquals(List.of(), bestEffort.attributes());
        assertSame(PacketTransform.IDENTITY, bestEffort.transform(PacketTransform.IDENTITY));
    }

    @Test
    void requiredRefusesPlainOffersAndUnknownProfiles() {
        for (String sdp : List.of(offerSdp("RTP/AVP"), offerSdp("RTP/SAVP"),
                offerSdp("RTP/SAVP", "1 F8_128_HMAC_SHA1_80 " + KEY_80),
                offerSdp("UDP/TLS/RTP/SAVP"), offerSdp("RTP/SAVPF", "1 AES_CM_128_HMAC_SHA1_80 " + KEY_80),
                offerSdp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 " + KEY_80 + "|2^20|1:4"),
                offerSdp("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ="))) {
            assertThrows(SdpCrypto.Refused.class, () -> SdpCrypto.answer(Sdp.parse(sdp), Srtp.REQUIRED, null), sdp);
        }
    }

    @Test
    void answersTheFirstUsableSuiteWithItsTagAndAKeyOfItsOwn() throws Exception {
        SdpMedia offer = Sdp.parse(offerSdp("RTP/SAVP", "1 AEAD_AES_256_GCM inline:AAAA",
                "2 AES_CM_128_HMAC_SHA1_32 " + KEY_80 + "|2^31", "3 AES_CM_128_HMAC_SHA1_80 " + KEY_80));
        for (Srtp mode : List.of(Srtp.OPTIONAL, Srtp.REQUIRED)) {
            SdpCrypto.Agreement agreed = SdpCrypto.answer(offer, mode, null);
            assertTrue(agreed.encrypted());
            assertEquals(Media.SRTP, agreed.media());
            assertEquals("RTP/SAVP", agreed.profile());
            assertEquals(2, agreed.ours().tag());
            assertEquals(SrtpSuite.AES_CM_128_HMAC_SHA1_32, agreed.ours().policy().suite());
            assertTrue(agreed.attributes().get(0).startsWith("crypto:2 AES_CM_128_HMAC_SHA1_32 inline:"));
            assertFalse(agreed.attributes().get(0).contains(KEY_80.substring(7)), "our own key, not theirs");
        }
        // a best-effort offer (keys on RTP/AVP) is answered encrypted in RTP/AVP
        SdpCrypto.Agreement avp = SdpCrypto.answer(Sdp.parse(offerSdp("RTP/AVP",
                "1 AES_CM_128_HMAC_SHA1_80 " + KEY_80)), Srtp.REQUIRED, null);
        assertEquals("RTP/AVP", avp.profile());
        assertTrue(avp.encrypted());
    }

    @Test
    void aReInviteWithTheSameKeyKeepsOursAndNeverDowngrades() throws Exception {
        SdpMedia offer = Sdp.parse(offerSdp("RTP/AVP", "1 AES_CM_128_HMAC_SHA1_80 " + KEY_80));
        SdpCrypto.Agreement first = SdpCrypto.answer(offer, Srtp.OPTIONAL, null);
        SdpCrypto.Agreement again = SdpCrypto.answer(offer, Srtp.OPTIONAL, first);
        assertSame(first.ours(), again.ours());
        PacketTransform transform = first.transform(PacketTransform.IDENTITY);
        assertSame(transform, again.transform(transform), "same keys: same SRTP state (roll-over counter)");
        assertThrows(SdpCrypto.Refused.class, () -> SdpCrypto.answer(Sdp.parse(offerSdp("RTP/AVP")), Srtp.OPTIONAL,
                first));
    }

    @Test
    void answersToOurOfferAreMatchedByTagAndSuite() throws Exception {
        SdpCrypto.Offer required = SdpCrypto.Offer.of(Srtp.REQUIRED);
        String theirKey = required.keys().get(1).attribute().replaceFirst("^crypto:2 ", "2 ");
        SdpCrypto.Agreement agreed = SdpCrypto.accept(required, Sdp.parse(offerSdp("RTP/SAVP", theirKey)));
        assertSame(required.keys().get(1), agreed.ours());
        assertThrows(SdpCrypto.Refused.class, () -> SdpCrypto.accept(required, Sdp.parse(offerSdp("RTP/AVP"))));
        assertThrows(SdpCrypto.Refused.class, () -> SdpCrypto.accept(required, Sdp.parse(offerSdp("RTP/SAVP"))));
        assertThrows(SdpCrypto.Refused.class, () -> SdpCrypto.accept(required, Sdp.parse(offerSdp("RTP/SAVP",
                "7 AES_CM_128_HMAC_SHA1_80 " + KEY_80))));

        SdpCrypto.Offer optional = SdpCrypto.Offer.of(Srtp.OPTIONAL);
        assertFalse(SdpCrypto.accept(optional, Sdp.parse(offerSdp("RTP/AVP"))).encrypted(), "plain fallback");
        assertTrue(SdpCrypto.accept(optional, Sdp.parse(offerSdp("RTP/AVP", "1 AES_CM_128_HMAC_SHA1_80 "
                + KEY_80))).encrypted());
        SdpCrypto.Offer off = SdpCrypto.Offer.of(Srtp.OFF);
        assertThrows(SdpCrypto.Refused.class, () -> SdpCrypto.accept(off, Sdp.parse(offerSdp("RTP/SAVP",
                "1 AES_CM_128_HMAC_SHA1_80 " + KEY_80))));
    }

    @Test
    void logsNeverCarryTheKeys() {
        String sdp = Sdp.offer(FAR, 1, 1, "RTP/SAVP", SdpCrypto.Offer.of(Srtp.REQUIRED).attributes());
        String masked = Redaction.mask(sdp);
        assertFalse(masked.matches("(?s).*inline:[A-Za-z0-9+/]{8}.*"), masked);
        assertTrue(masked.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:***"), masked);
        assertTrue(Redaction.mask("a=crypto:1 AES_CM_128_HMAC_SHA1_80 " + KEY_80 + "|2^20|1:4")
                .endsWith("inline:***|2^20|1:4"));
    }
}
