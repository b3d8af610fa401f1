package org.hallphone.media;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP and SRTCP state of one direction under one master key (RFC 3711 §3.2): the derived session keys, and per
 * SSRC the highest packet index seen with its replay window (§3.3.2) and the SRTCP index. An outbound context only
 * protects, an inbound one only unprotects. RTP and RTCP each have a {@link Channel} (keys, cipher, MAC, streams)
 * that is also its lock, so the RTP and RTCP threads of a session never wait for each other.
 *
 * <p>Both go through one sealing and one opening path; what differs is passed in: the header that stays in clear,
 * the SRTCP {@code E || index} word that follows the payload (RFC 3711 §3.4; RFC 7714 §9), and the roll-over
 * counter that SRTP's HMAC covers without sending it (§4.2). Receiving, the order of §3.3 holds: estimate the index
 * (§3.3.1, Appendix A), refuse a replay, verify the tag, then decrypt; the state moves on only for a packet that
 * authenticated, so a forged packet changes nothing.
 */
final class SrtpContext {

    /** Streams (SSRCs) remembered per direction; the oldest is forgotten beyond this. */
    private static final int MAX_STREAMS = 16;
    private static final int GCM_TAG_BITS = 128;
    private static final int RTCP_HEADER = 8;
    private static final int E_INDEX = 4;
    private static final byte[] NONE = new byte[0];

    /** Why a received packet was dropped. */
    enum Drop { MALFORMED, REPLAYED, AUTHENTICATION }

    /** Thrown inside the context for a dropped packet; never leaves {@link SrtpTransform}. */
    static final class Dropped extends Exception {
        final Drop reason;

        Dropped(Drop reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    /** RTP's or RTCP's session keys, cipher and MAC (null for AEAD), and the streams seen; also the lock. */
    private static final class Channel {
        final String name;
        final SecretKeySpec key;
        final byte[] salt;
        final Cipher cipher;
        final Mac mac;
        final Map<Long, ReplayWindow> streams = new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, ReplayWindow> eldest) {
                return size() > MAX_STREAMS;
            }
        };

        Channel(String name, SrtpSuite suite, byte[] key, byte[] salt, byte[] authKey)
                throws GeneralSecurityException {
            this.name = name;
            this.key = new SecretKeySpec(key, "AES");
            this.salt = salt;
            this.cipher = Cipher.getInstance(suite.aead() ? "AES/GCM/NoPadding" : "AES/CTR/NoPadding");
            if (authKey == null) {
                this.mac = null;
            } else {
                this.mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
            }
        }

        /** The stream's window; a new one (not yet remembered) for an SSRC not seen. */
        ReplayWindow window(long ssrc) {
            ReplayWindow known = streams.get(ssrc);
            return known != null ? known : new ReplayWindow();
        }

        /** A received packet authenticated: its index is accepted, and its stream remembered. */
        void accept(long ssrc, ReplayWindow window, long index) {
            window.accept(index);
            streams.putIfAbsent(ssrc, window);
        }
    }

    /** Where a packet's parts lie and what goes into its IV and tag, for {@link #seal} and {@link #open}. */
    private record Layout(int header, int trailer, int tag, AlgorithmParameterSpec iv, byte[] macSuffix) {
    }

    private final SrtpSuite suite;
    private final Channel rtp;
    private final Channel rtcp;

    /** One protocol's session keys (RFC 3711 §4.3): the encryption key, the salt, and (AES-CM only) the HMAC key. */
    record SessionKeys(byte[] key, byte[] salt, byte[] auth) {
    }

    /** A context around session keys as given (the RFC 7714 test vectors give them; {@link #derive} makes them). */
    SrtpContext(SrtpSuite suite, SessionKeys rtpKeys, SessionKeys rtcpKeys) {
        this.suite = suite;
        this.rtp = channel("SRTP", rtpKeys);
        this.rtcp = channel("SRTCP", rtcpKeys);
    }

    /** The context of a master key: RTP's and RTCP's session keys derived under their labels (RFC 3711 §4.3). */
    static SrtpContext derive(SrtpPolicy policy) {
        SrtpSuite suite = policy.suite();
        byte[] key = policy.masterKey();
        byte[] salt = policy.masterSalt();
        try {
            return new SrtpContext(suite,
                    sessionKeys(suite, key, salt, SrtpCrypto.LABEL_RTP_ENCRYPTION, SrtpCrypto.LABEL_RTP_AUTH,
                            SrtpCrypto.LABEL_RTP_SALT),
                    sessionKeys(suite, key, salt, SrtpCrypto.LABEL_RTCP_ENCRYPTION, SrtpCrypto.LABEL_RTCP_AUTH,
                            SrtpCrypto.LABEL_RTCP_SALT));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    private static SessionKeys sessionKeys(SrtpSuite suite, byte[] key, byte[] salt, int encryption,
                                           int authentication, int salting) {
        return new SessionKeys(SrtpCrypto.derive(key, salt, encryption, suite.keyBytes()),
                SrtpCrypto.derive(key, salt, salting, suite.saltBytes()),
                suite.aead() ? null : SrtpCrypto.derive(key, salt, authentication, SrtpCrypto.AUTH_KEY_BYTES));
    }

    private Channel channel(String name, SessionKeys keys) {
        if (!suite.aead() && keys.auth() == null) {
            throw new IllegalArgumentException(suite + " needs an authentication key");
        }
        try {
            return new Channel(name, suite, keys.key(), keys.salt().clone(), suite.aead() ? null : keys.auth());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks a cipher SRTP needs: " + e.getClass().getSimpleName(), e);
        }
    }

    // ---- SRTP (RFC 3711 §3.1, RFC 7714 §8) ------------------------------------------------------------------

    byte[] protectRtp(byte[] packet, int length) throws Dropped {
        int header = rtpHeaderLength(packet, length);
        long ssrc = uint32(packet, 8);
        synchronized (rtp) {
            ReplayWindow w = rtp.streams.computeIfAbsent(ssrc, s -> new ReplayWindow());
            long index = w.estimate(sequence(packet));
            if (index < 0) {
                throw new Dropped(Drop.MALFORMED);
            }
            w.sent(index);
            return seal(rtp, packet, length, rtpLayout(header, ssrc, index));
        }
    }

    byte[] unprotectRtp(byte[] packet, int length) throws Dropped {
        int header = rtpHeaderLength(packet, length);
        if (length < header + suite.rtpTagBytes()) {
            throw new Dropped(Drop.MALFORMED);
        }
        long ssrc = uint32(packet, 8);
        synchronized (rtp) {
            ReplayWindow w = rtp.window(ssrc);
            long index = w.estimate(sequence(packet));
            if (index < 0 || w.replayed(index)) {
                throw new Dropped(Drop.REPLAYED);
            }
            byte[] plain = open(rtp, packet, length, true, rtpLayout(header, ssrc, index));
            rtp.accept(ssrc, w, index);
            return plain;
        }
    }

    /** SRTP: the header in clear, no trailer; HMAC-SHA1 also covers the roll-over counter (RFC 3711 §4.2). */
    private Layout rtpLayout(int header, long ssrc, long index) {
        int roc = (int) (index >>> 16);
        byte[] rocBytes = suite.aead() ? NONE : new byte[E_INDEX];
        if (!suite.aead()) {
            putInt(rocBytes, 0, roc & 0xFFFFFFFFL);
        }
        return new Layout(header, 0, suite.rtpTagBytes(), iv(rtp, ssrc, index), rocBytes);
    }

    // ---- SRTCP (RFC 3711 §3.4, RFC 7714 §9) -----------------------------------------------------------------

    byte[] protectRtcp(byte[] packet, int length) throws Dropped {
        if (length < RTCP_HEADER || ((packet[0] >> 6) & 3) != 2) {
            throw new Dropped(Drop.MALFORMED);
        }
        long ssrc = uint32(packet, 4);
        synchronized (rtcp) {
            int index = rtcp.streams.computeIfAbsent(ssrc, s -> new ReplayWindow()).nextRtcpIndex();
            byte[] eIndex = new byte[E_INDEX];
            putInt(eIndex, 0, 0x80000000L | index);
            Layout layout = new Layout(RTCP_HEADER, E_INDEX, suite.rtcpTagBytes(), iv(rtcp, ssrc, index), NONE);
            return seal(rtcp, packet, length, layout, eIndex);
        }
    }

    byte[] unprotectRtcp(byte[] packet, int length) throws Dropped {
        // the SRTCP tag of the _32 suite is 80 bits by RFC 3711; libre sends 32 bits: accept either
        int[] tags = suite.rtpTagBytes() == suite.rtcpTagBytes() ? new int[] {suite.rtcpTagBytes()}
                : new int[] {suite.rtcpTagBytes(), suite.rtpTagBytes()};
        Dropped failure = new Dropped(Drop.MALFORMED);
        for (int tag : tags) {
            try {
                return unprotectRtcp(packet, length, tag);
            } catch (Dropped d) {
                if (failure.reason == Drop.MALFORMED) {
                    failure = d;
                }
            }
        }
        throw failure;
    }

    private byte[] unprotectRtcp(byte[] packet, int length, int tag) throws Dropped {
        if (length < RTCP_HEADER + E_INDEX + tag || ((packet[0] >> 6) & 3) != 2) {
            throw new Dropped(Drop.MALFORMED);
        }
        long ssrc = uint32(packet, 4);
        // AES-CM puts the tag after E || index, GCM's tag is part of what precedes it
        long eIndex = uint32(packet, length - E_INDEX - (suite.aead() ? 0 : tag));
        boolean encrypted = (eIndex & 0x80000000L) != 0;
        int index = (int) (eIndex & 0x7FFFFFFF);
        synchronized (rtcp) {
            ReplayWindow w = rtcp.window(ssrc);
            if (w.replayed(index)) {
                throw new Dropped(Drop.REPLAYED);
            }
            byte[] plain = open(rtcp, packet, length, encrypted,
                    new Layout(RTCP_HEADER, E_INDEX, tag, iv(rtcp, ssrc, index), NONE));
            rtcp.accept(ssrc, w, index);
            return plain;
        }
    }

    // ---- the one path both take -----------------------------------------------------------------------------

    private byte[] seal(Channel c, byte[] packet, int length, Layout at) {
        return seal(c, packet, length, at, NONE);
    }

    /**
     * {@code header || encrypted payload || trailer || tag}: with AES-CM the HMAC covers all before the tag and the
     * layout's {@code macSuffix}; with GCM the header and the trailer are associated data and the tag ends the
     * ciphertext, before the trailer.
     */
    private byte[] seal(Channel c, byte[] packet, int length, Layout at, byte[] trailer) {
        int header = at.header();
        try {
            c.cipher.init(Cipher.ENCRYPT_MODE, c.key, at.iv());
            byte[] out;
            if (suite.aead()) {
                c.cipher.updateAAD(packet, 0, header);
                c.cipher.updateAAD(trailer);
                int sealed = c.cipher.getOutputSize(length - header);
                out = Arrays.copyOf(packet, header + sealed + trailer.length);
                c.cipher.doFinal(packet, header, length - header, out, header);
                System.arraycopy(trailer, 0, out, header + sealed, trailer.length);
                return out;
            }
            out = Arrays.copyOf(packet, length + trailer.length + at.tag());
            c.cipher.doFinal(packet, header, length - header, out, header);
            System.arraycopy(trailer, 0, out, length, trailer.length);
            System.arraycopy(hmac(c, out, length + trailer.length, at.macSuffix()), 0, out, length + trailer.length,
                    at.tag());
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(c.name + " encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The plain packet (header and payload, no trailer or tag), after the tag verified; an unencrypted SRTCP
     * packet ({@code E = 0}) is only authenticated (with GCM all of it is associated data, RFC 7714 §9.2).
     */
    private byte[] open(Channel c, byte[] packet, int length, boolean encrypted, Layout at) throws Dropped {
        int tag = at.tag();
        try {
            if (suite.aead()) {
                int sealedEnd = length - at.trailer();
                int clearEnd = encrypted ? at.header() : sealedEnd - tag;
                c.cipher.init(Cipher.DECRYPT_MODE, c.key, at.iv());
                c.cipher.updateAAD(packet, 0, clearEnd);
                c.cipher.updateAAD(packet, sealedEnd, at.trailer());
                byte[] plain = Arrays.copyOf(packet, sealedEnd - tag);
                c.cipher.doFinal(packet, clearEnd, sealedEnd - clearEnd, plain, clearEnd);
                return plain;
            }
            int authenticated = length - tag;
            byte[] mac = hmac(c, packet, authenticated, at.macSuffix());
            if (!MessageDigest.isEqual(Arrays.copyOf(mac, tag), Arrays.copyOfRange(packet, authenticated, length))) {
                throw new Dropped(Drop.AUTHENTICATION);
            }
            int end = authenticated - at.trailer();
            byte[] plain = Arrays.copyOf(packet, end);
            if (encrypted) {
                c.cipher.init(Cipher.DECRYPT_MODE, c.key, at.iv());
                c.cipher.doFinal(packet, at.header(), end - at.header(), plain, at.header());
            }
            return plain;
        } catch (AEADBadTagException forged) {
            throw new Dropped(Drop.AUTHENTICATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(c.name + " decryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] hmac(Channel c, byte[] data, int length, byte[] suffix) {
        c.mac.update(data, 0, length);
        c.mac.update(suffix);
        return c.mac.doFinal();
    }

    /**
     * The cipher's IV for a packet: AES-CM's of RFC 3711 §4.1.1, or GCM's of RFC 7714 §8.1 and §9.1,
     * {@code 00 00 || SSRC || 48-bit index} XOR the session salt, where SRTP's index is {@code ROC || SEQ} and
     * SRTCP's is {@code 00 00 || 0 || SRTCP index}.
     */
    private AlgorithmParameterSpec iv(Channel c, long ssrc, long index) {
        if (!suite.aead()) {
            return new IvParameterSpec(SrtpCrypto.ctrIv(c.salt, ssrc, index));
        }
        byte[] iv = new byte[12];
        putInt(iv, 2, ssrc);
        putInt(iv, 6, index >>> 16);
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        for (int i = 0; i < iv.length; i++) {
            iv[i] ^= c.salt[i];
        }
        return new GCMParameterSpec(GCM_TAG_BITS, iv);
    }

    // ---- header fields --------------------------------------------------------------------------------------

    /** The RTP header's length with CSRCs and extension (RFC 3550 §5.1, §5.3.1). */
    private static int rtpHeaderLength(byte[] packet, int length) throws Dropped {
        if (length < RtpPacket.HEADER_BYTES || length > packet.length || ((packet[0] >> 6) & 3) != 2) {
            throw new Dropped(Drop.MALFORMED);
        }
        int header = RtpPacket.HEADER_BYTES + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0) {
            if (length < header + 4) {
                throw new Dropped(Drop.MALFORMED);
            }
            header += 4 + 4 * (((packet[header + 2] & 0xFF) << 8) | (packet[header + 3] & 0xFF));
        }
        if (header > length) {
            throw new Dropped(Drop.MALFORMED);
        }
        return header;
    }

    private static int sequence(byte[] packet) {
        return ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
    }

    private static long uint32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    private static void putInt(byte[] b, int at, long value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
