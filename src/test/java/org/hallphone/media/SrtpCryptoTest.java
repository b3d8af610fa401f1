package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The SRTP crypto against the published vectors (RFC 3711 Appendix B, RFC 7714 §16-17), and its packet rules. */
class SrtpCryptoTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s+", "").toLowerCase());
    }

    // ---- RFC 3711 Appendix B.2: AES-CM keystream ----------------------------------------------------------

    @Test
    void aesCounterModeKeystreamIsThatOfAppendixB2() {
        byte[] key = hex("2B7E151628AED2A6ABF7158809CF4F3C");
        byte[] iv = SrtpCrypto.ctrIv(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), 0, 0);
        assertArrayEquals(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), iv);
        int blocks = 65282; // the appendix's segment of 1044512 octets
        byte[] keystream = SrtpCrypto.aesCtr(key, iv, new byte[blocks * 16], 0, blocks * 16);
        assertArrayEquals(hex("E03EAD0935C95E80E166B16DD92B4EB4 D23513162B02D0F72A43A2FE4A5F97AB"
                + "41E95B3BB0A2E8DD477901E4FCA894C0"), Arrays.copyOfRange(keystream, 0, 48));
        assertArrayEquals(hex("EC8CDF7398607CB0F2D21675EA9EA1E4 362B7C3C6773516318A077D7FC5073AE"
                + "6A2CC3787889374FBEB4C81B17BA6C44"), Arrays.copyOfRange(keystream, keystream.length - 48,
                keystream.length));
    }

    // ---- RFC 3711 Appendix B.3: key derivation ------------------------------------------------------------

    @Test
    void keyDerivationGivesTheSessionKeysOfAppendixB3() {
        byte[] masterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = hex("0EC675AD498AFEEBB6960B3AABE6");
        assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087"),
                SrtpCrypto.derive(masterKey, masterSalt, SrtpCrypto.LABEL_RTP_ENCRYPTION, 16));
        assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1"),
                SrtpCrypto.derive(masterKey, masterSalt, SrtpCrypto.LABEL_RTP_SALT, 14));
        assertArrayEquals(hex("CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                        + "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25"
                        + "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2"),
                SrtpCrypto.derive(masterKey, masterSalt, SrtpCrypto.LABEL_RTP_AUTH, 94));
    }

    // ---- RFC 7714 §16-17: AEAD_AES_128_GCM ----------------------------------------------------------------

    private static final byte[] GCM_KEY = hex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] GCM_SALT = hex("517569642070726f2071756f");
    private static final byte[] GCM_RTP_PLAIN = hex("8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973"
            + "20646976 69736120 696e2070 61727465 73207472 6573");
    private static final byte[] GCM_RTP_SEALED = hex("8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca"
            + "be633bd5 0d294e6f 42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce");
    private static final byte[] GCM_RTCP_PLAIN = hex("81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930"
            + "4c756e61 deadbeef deadbeef deadbeef deadbeef deadbeef");
    private static final byte[] GCM_RTCP_SEALED = hex("81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99"
            + "7ff5c0f7 6c06f32d c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade"
            + "800005d4");

    @Test
    void gcmProtectsTheRtpPacketOfRfc7714Section16() throws Exception {
        SrtpContext sender = gcmContext();
        assertArrayEquals(GCM_RTP_SEALED, sender.protectRtp(GCM_RTP_PLAIN, GCM_RTP_PLAIN.length));
        SrtpContext receiver = gcmContext();
        assertArrayEquals(GCM_RTP_PLAIN, receiver.unprotectRtp(GCM_RTP_SEALED, GCM_RTP_SEALED.length));
    }

    @Test
    void gcmOpensTheRtcpPacketOfRfc7714Section17() throws Exception {
        SrtpContext receiver = gcmContext();
        assertArrayEquals(GCM_RTCP_PLAIN, receiver.unprotectRtcp(GCM_RTCP_SEALED, GCM_RTCP_SEALED.length));
        byte[] tampered = GCM_RTCP_SEALED.clone();
        tampered[20] ^= 1;
        SrtpContext other = gcmContext();
        SrtpContext.Dropped dropped = assertThrows(SrtpContext.Dropped.class,
                () -> other.unprotectRtcp(tampered, tampered.length));
        assertEquals(SrtpContext.Drop.AUTHENTICATION, dropped.reason);
    }

    /** RFC 7714 gives the session keys, the same for SRTP and SRTCP. */
    private static SrtpContext gcmContext() {
        SrtpContext.SessionKeys keys = new SrtpContext.SessionKeys(GCM_KEY, GCM_SALT, null);
        return new SrtpContext(SrtpSuite.AEAD_AES_128_GCM, keys, keys);
    }

    // ---- packet rules, every suite ------------------------------------------------------------------------

    private static byte[] rtp(int seq, long ssrc, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payloadBytes; i++) {
            payload[i] = (byte) (seq + i);
        }
        return new RtpPacket(0, false, seq, seq * 160L, ssrc, payload).toBytes();
    }

    private static SrtpTransform[] pair(SrtpSuite suite) {
        SrtpPolicy a = SrtpPolicy.random(suite);
        SrtpPolicy b = SrtpPolicy.random(suite);
        return new SrtpTransform[] {SrtpTransform.of(a, b), SrtpTransform.of(b, a)};
    }

    @Test
    void everySuiteRoundTripsRtpAndRtcpAndAddsItsTag() {
        for (SrtpSuite suite : SrtpSuite.values()) {
            SrtpTransform[] ends = pair(suite);
            byte[] plain = rtp(1000, 0x11223344L, 160);
            byte[] sealed = ends[0].protectRtp(plain);
            assertEquals(plain.length + suite.rtpTagBytes(), sealed.length, suite.name());
            assertTrue(!Arrays.equals(Arrays.copyOfRange(plain, 12, plain.length),
                    Arrays.copyOfRange(sealed, 12, plain.length)), suite + ": the payload is encrypted");
            assertArrayEquals(Arrays.copyOf(plain, 12), Arrays.copyOf(sealed, 12), suite + ": header in clear");
            assertArrayEquals(plain, ends[1].unprotectRtp(sealed), suite.name());

            byte[] report = hex("80c90001 11223344"); // an empty receiver report
            byte[] sealedReport = ends[0].protectRtcp(report);
            assertArrayEquals(report, ends[1].unprotectRtcp(sealedReport), suite.name());
        }
    }

    @Test
    void replayedAndTamperedPacketsAreDroppedAndCounted() {
        for (SrtpSuite suite : SrtpSuite.values()) {
            SrtpTransform[] ends = pair(suite);
            byte[] first = ends[0].protectRtp(rtp(7, 42, 160));
            byte[] second = ends[0].protectRtp(rtp(8, 42, 160));
            assertNotNull(ends[1].unprotectRtp(first));
            assertNotNull(ends[1].unprotectRtp(second));
            assertNull(ends[1].unprotectRtp(first), suite + ": replay");
            assertNull(ends[1].unprotectRtp(second), suite + ": replay");
            assertEquals(2, ends[1].replayed(), suite.name());

            byte[] third = ends[0].protectRtp(rtp(9, 42, 160));
            byte[] tampered = third.clone();
            tampered[40] ^= 0x01;
            assertNull(ends[1].unprotectRtp(tampered), suite + ": tampered payload");
            byte[] badTag = third.clone();
            badTag[badTag.length - 1] ^= 0x01;
            assertNull(ends[1].unprotectRtp(badTag), suite + ": tampered tag");
            assertEquals(2, ends[1].unauthenticated(), suite.name());
            // a forgery changed nothing: the genuine packet still passes
            assertNotNull(ends[1].unprotectRtp(third), suite.name());

            byte[] report = ends[0].protectRtcp(hex("80c90001 0000002a"));
            assertNotNull(ends[1].unprotectRtcp(report));
            assertNull(ends[1].unprotectRtcp(report), suite + ": SRTCP replay");
            assertEquals(3, ends[1].replayed(), suite.name());

            assertNull(ends[1].unprotectRtp(new byte[] {(byte) 0x80, 0, 0}));
            assertEquals(1, ends[1].malformed());
        }
    }

    @Test
    void theWindowTakesLateArrivalsOnceAndRefusesThoseTooOld() {
        SrtpTransform[] ends = pair(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        byte[][] sealed = new byte[200][];
        for (int i = 0; i < sealed.length; i++) {
            sealed[i] = ends[0].protectRtp(rtp(i, 5, 20));
        }
        assertNotNull(ends[1].unprotectRtp(sealed[150]));
        assertNotNull(ends[1].unprotectRtp(sealed[150 - 63]), "63 behind: in the window");
        assertNull(ends[1].unprotectRtp(sealed[150 - 64]), "64 behind: too old");
        assertNotNull(ends[1].unprotectRtp(sealed[149]), "reordered by one");
        assertNull(ends[1].unprotectRtp(sealed[149]), "but only once");
    }

    @Test
    void theRollOverCounterFollowsTheSequenceNumberAcrossItsWrap() {
        SrtpTransform[] ends = pair(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        int seq = 65530;
        for (int i = 0; i < 20; i++) {
            byte[] plain = rtp((seq + i) & 0xFFFF, 9, 40);
            byte[] sealed = ends[0].protectRtp(plain);
            assertArrayEquals(plain, ends[1].unprotectRtp(sealed), "packet " + i);
        }
        assertEquals(0, ends[1].unauthenticated() + ends[1].replayed());
        // index estimation of RFC 3711 Appendix A
        assertEquals(0x1_0002L, ReplayWindow.estimateIndex(true, 0xFFFEL, 2));
        assertEquals(0xFFFEL, ReplayWindow.estimateIndex(true, 0x1_0002L, 0xFFFE));
        assertEquals(-1, ReplayWindow.estimateIndex(true, 0x0002L, 0xFFFE));
    }

    @Test
    void aPolicyNeverPrintsItsKey() {
        SrtpPolicy policy = SrtpPolicy.random(SrtpSuite.AES_CM_128_HMAC_SHA1_80);
        String text = policy.toString() + SrtpTransform.of(policy, policy);
        String key = HexFormat.of().formatHex(policy.keyAndSalt());
        assertTrue(!text.toLowerCase().contains(key.substring(0, 8)), text);
        assertTrue(text.contains("AES_CM_128_HMAC_SHA1_80"), text);
        assertThrows(IllegalArgumentException.class, () -> SrtpPolicy.of(SrtpSuite.AEAD_AES_128_GCM, new byte[30]));
    }
}
