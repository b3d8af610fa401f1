package org.hallphone.media;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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
 * protects, an inbound one only unprotects. RTP and RTCP have separate locks, so the RTP and RTCP threads of a
 * session never wait for each other.
 *
 * <p>Receiving, the order of §3.3 holds: estimate the index (§3.3.1, Appendix A), refuse a replay, verify the tag,
 * then decrypt; the state moves on only for a packet that authenticated, so a forged packet changes nothing.
 */
final class SrtpContext {

    /** Packets behind the highest index still accepted once (RFC 3711 §3.3.2 asks for at least 64). */
    static final int REPLAY_WINDOW = 64;
    /** Streams (SSRCs) remembered per direction; the oldest is forgotten beyond this. */
    private static final int MAX_STREAMS = 16;
    private static final int GCM_TAG_BITS = 128;
    private static final int RTCP_HEADER = 8;
    private static final int E_INDEX = 4;

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

    /** Highest accepted index and the window of the {@link #REPLAY_WINDOW} indexes below it. */
    private static final class Window {
        boolean started;
        long highest;
        long seen;
        /** SRTCP only: the next index to send. */
        int nextRtcpIndex;
    }

    private final SrtpSuite suite;
    private final SecretKeySpec rtpKey;
    private final byte[] rtpSalt;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtcpSalt;
    private final Object rtpLock = new Object();
    private final Object rtcpLock = new Object();
    private final Map<Long, Window> rtpStreams = streams();
    private final Map<Long, Window> rtcpStreams = streams();
    private final Mac rtpMac;
    private final Mac rtcpMac;
    private final Cipher rtpCipher;
    private final Cipher rtcpCipher;

    SrtpContext(SrtpPolicy policy) {
        this.suite = policy.suite();
        byte[] key = policy.masterKey();
        byte[] salt = policy.masterSalt();
        int keyBytes = suite.keyBytes();
        int saltBytes = suite.saltBytes();
        rtpKey = new SecretKeySpec(SrtpCrypto.derive(key, salt, SrtpCrypto.LABEL_RTP_ENCRYPTION, keyBytes), "AES");
        rtpSalt = SrtpCrypto.derive(key, salt, SrtpCrypto.LABEL_RTP_SALT, saltBytes);
        rtcpKey = new SecretKeySpec(SrtpCrypto.derive(key, salt, SrtpCrypto.LABEL_RTCP_ENCRYPTION, keyBytes), "AES");
        rtcpSalt = SrtpCrypto.derive(key, salt, SrtpCrypto.LABEL_RTCP_SALT, saltBytes);
        try {
            String transformation = suite.aead() ? "AES/GCM/NoPadding" : "AES/CTR/NoPadding";
            rtpCipher = Cipher.getInstance(transformation);
            rtcpCipher = Cipher.getInstance(transformation);
            if (suite.aead()) {
                rtpMac = null;
                rtcpMac = null;
            } else {
                rtpMac = Mac.getInstance("HmacSHA1");
                rtpMac.init(new SecretKeySpec(SrtpCrypto.derive(key, salt, SrtpCrypto.LABEL_RTP_AUTH,
                        SrtpCrypto.AUTH_KEY_BYTES), "HmacSHA1"));
                rtcpMac = Mac.getInstance("HmacSHA1");
                rtcpMac.init(new SecretKeySpec(SrtpCrypto.derive(key, salt, SrtpCrypto.LABEL_RTCP_AUTH,
                        SrtpCrypto.AUTH_KEY_BYTES), "HmacSHA1"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks a cipher SRTP needs: " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }

    /** For the RFC 7714 test vectors, which give session keys: a context around them, RTP and RTCP alike. */
    static SrtpContext withSessionKeys(SrtpSuite suite, byte[] sessionKey, byte[] sessionSalt) {
        return new SrtpContext(suite, sessionKey, sessionSalt);
    }

    private SrtpContext(SrtpSuite suite, byte[] sessionKey, byte[] sessionSalt) {
        if (!suite.aead()) {
            throw new IllegalArgumentException("session-key contexts are for the AEAD test vectors");
        }
        this.suite = suite;
        rtpKey = new SecretKeySpec(sessionKey, "AES");
        rtcpKey = rtpKey;
        rtpSalt = sessionSalt.clone();
        rtcpSalt = sessionSalt.clone();
        rtpMac = null;
        rtcpMac = null;
        try {
            rtpCipher = Cipher.getInstance("AES/GCM/NoPadding");
            rtcpCipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Long, Window> streams() {
        return new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Window> eldest) {
                return size() > MAX_STREAMS;
            }
        };
    }

    // ---- SRTP (RFC 3711 §3.1, RFC 7714 §8) ------------------------------------------------------------------

    byte[] protectRtp(byte[] packet, int length) throws Dropped {
        int header = rtpHeaderLength(packet, length);
        long ssrc = uint32(packet, 8);
        int seq = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
        synchronized (rtpLock) {
            Window w = rtpStreams.computeIfAbsent(ssrc, s -> new Window());
            long index = estimate(w, seq);
            if (index < 0) {
                throw new Dropped(Drop.MALFORMED);
            }
            if (!w.started || index > w.highest) {
                w.started = true;
                w.highest = index;
            }
            int roc = (int) (index >>> 16);
            try {
                if (suite.aead()) {
                    rtpCipher.init(Cipher.ENCRYPT_MODE, rtpKey, new GCMParameterSpec(GCM_TAG_BITS,
                            gcmRtpIv(ssrc, roc, seq)));
                    rtpCipher.updateAAD(packet, 0, header);
                    byte[] out = Arrays.copyOf(packet, header + rtpCipher.getOutputSize(length - header));
                    rtpCipher.doFinal(packet, header, length - header, out, header);
                    return out;
                }
                int tag = suite.rtpTagBytes();
                byte[] out = Arrays.copyOf(packet, length + tag);
                rtpCipher.init(Cipher.ENCRYPT_MODE, rtpKey, new IvParameterSpec(ctrIv(rtpSalt, ssrc, index)));
                rtpCipher.doFinal(packet, header, length - header, out, header);
                byte[] mac = rtpTag(out, length, roc);
                System.arraycopy(mac, 0, out, length, tag);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SRTP encryption failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    byte[] unprotectRtp(byte[] packet, int length) throws Dropped {
        int header = rtpHeaderLength(packet, length);
        int tag = suite.rtpTagBytes();
        if (length < header + tag) {
            throw new Dropped(Drop.MALFORMED);
        }
        long ssrc = uint32(packet, 8);
        int seq = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
        synchronized (rtpLock) {
            Window known = rtpStreams.get(ssrc);
            Window w = known != null ? known : new Window();
            long index = estimate(w, seq);
            if (index < 0 || replayed(w, index)) {
                throw new Dropped(Drop.REPLAYED);
            }
            int roc = (int) (index >>> 16);
            byte[] plain;
            try {
                if (suite.aead()) {
                    rtpCipher.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(GCM_TAG_BITS,
                            gcmRtpIv(ssrc, roc, seq)));
                    rtpCipher.updateAAD(packet, 0, header);
                    plain = Arrays.copyOf(packet, length - tag);
                    rtpCipher.doFinal(packet, header, length - header, plain, header);
                } else {
                    int authenticated = length - tag;
                    byte[] mac = rtpTag(packet, authenticated, roc);
                    if (!MessageDigest.isEqual(Arrays.copyOf(mac, tag),
                            Arrays.copyOfRange(packet, authenticated, length))) {
                        throw new Dropped(Drop.AUTHENTICATION);
                    }
                    plain = Arrays.copyOf(packet, authenticated);
                    rtpCipher.init(Cipher.DECRYPT_MODE, rtpKey, new IvParameterSpec(ctrIv(rtpSalt, ssrc, index)));
                    rtpCipher.doFinal(packet, header, authenticated - header, plain, header);
                }
            } catch (AEADBadTagException forged) {
                throw new Dropped(Drop.AUTHENTICATION);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SRTP decryption failed: " + e.getClass().getSimpleName(), e);
            }
            accept(w, index);
            if (known == null) {
                rtpStreams.put(ssrc, w);
            }
            return plain;
        }
    }

    private byte[] rtpTag(byte[] authenticated, int length, int roc) {
        rtpMac.update(authenticated, 0, length);
        rtpMac.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
        return rtpMac.doFinal();
    }

    /** The 12-byte GCM IV of RFC 7714 §8.1: {@code 00 00 || SSRC || ROC || SEQ} XOR the session salt. */
    private byte[] gcmRtpIv(long ssrc, int roc, int seq) {
        byte[] iv = new byte[12];
        putInt(iv, 2, ssrc);
        putInt(iv, 6, roc & 0xFFFFFFFFL);
        iv[10] = (byte) (seq >>> 8);
        iv[11] = (byte) seq;
        for (int i = 0; i < iv.length; i++) {
            iv[i] ^= rtpSalt[i];
        }
        return iv;
    }

    // ---- SRTCP (RFC 3711 §3.4, RFC 7714 §9) -----------------------------------------------------------------

    byte[] protectRtcp(byte[] packet, int length) throws Dropped {
        if (length < RTCP_HEADER || ((packet[0] >> 6) & 3) != 2) {
            throw new Dropped(Drop.MALFORMED);
        }
        long ssrc = uint32(packet, 4);
        synchronized (rtcpLock) {
            Window w = rtcpStreams.computeIfAbsent(ssrc, s -> new Window());
            int index = w.nextRtcpIndex;
            w.nextRtcpIndex = (index + 1) & 0x7FFFFFFF;
            byte[] eIndex = new byte[E_INDEX];
            putInt(eIndex, 0, 0x80000000L | index);
            try {
                if (suite.aead()) {
                    rtcpCipher.init(Cipher.ENCRYPT_MODE, rtcpKey, new GCMParameterSpec(GCM_TAG_BITS,
                            gcmRtcpIv(ssrc, index)));
                    rtcpCipher.updateAAD(packet, 0, RTCP_HEADER);
                    rtcpCipher.updateAAD(eIndex);
                    int sealed = rtcpCipher.getOutputSize(length - RTCP_HEADER);
                    byte[] out = Arrays.copyOf(packet, RTCP_HEADER + sealed + E_INDEX);
                    rtcpCipher.doFinal(packet, RTCP_HEADER, length - RTCP_HEADER, out, RTCP_HEADER);
                    System.arraycopy(eIndex, 0, out, RTCP_HEADER + sealed, E_INDEX);
                    return out;
                }
                int tag = suite.rtcpTagBytes();
                byte[] out = Arrays.copyOf(packet, length + E_INDEX + tag);
                rtcpCipher.init(Cipher.ENCRYPT_MODE, rtcpKey, new IvParameterSpec(ctrIv(rtcpSalt, ssrc, index)));
                rtcpCipher.doFinal(packet, RTCP_HEADER, length - RTCP_HEADER, out, RTCP_HEADER);
                System.arraycopy(eIndex, 0, out, length, E_INDEX);
                rtcpMac.update(out, 0, length + E_INDEX);
                System.arraycopy(rtcpMac.doFinal(), 0, out, length + E_INDEX, tag);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SRTCP encryption failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }

    byte[] unprotectRtcp(byte[] packet, int length) throws Dropped {
        if (suite.aead()) {
            return unprotectRtcpGcm(packet, length);
        }
        Dropped failure = new Dropped(Drop.MALFORMED);
        // the SRTCP tag of the _32 suite is 80 bits by RFC 3711; libre sends 32 bits: accept either
        int[] tags = suite.rtpTagBytes() == suite.rtcpTagBytes() ? new int[] {suite.rtcpTagBytes()}
                : new int[] {suite.rtcpTagBytes(), suite.rtpTagBytes()};
        for (int tag : tags) {
            try {
                return unprotectRtcpCtr(packet, length, tag);
            } catch (Dropped d) {
                if (failure.reason == Drop.MALFORMED) {
                    failure = d;
                }
            }
        }
        throw failure;
    }

    private byte[] unprotectRtcpCtr(byte[] packet, int length, int tag) throws Dropped {
        if (length < RTCP_HEADER + E_INDEX + tag || ((packet[0] >> 6) & 3) != 2) {
            throw new Dropped(Drop.MALFORMED);
        }
        long ssrc = uint32(packet, 4);
        int end = length - tag - E_INDEX;
        long eIndex = uint32(packet, end);
        boolean encrypted = (eIndex & 0x80000000L) != 0;
        int index = (int) (eIndex & 0x7FFFFFFF);
        synchronized (rtcpLock) {
            Window known = rtcpStreams.get(ssrc);
            Window w = known != null ? known : new Window();
            if (replayed(w, index)) {
                throw new Dropped(Drop.REPLAYED);
            }
            rtcpMac.update(packet, 0, length - tag);
            byte[] mac = rtcpMac.doFinal();
            if (!MessageDigest.isEqual(Arrays.copyOf(mac, tag), Arrays.copyOfRange(packet, length - tag, length))) {
                throw new Dropped(Drop.AUTHENTICATION);
            }
            byte[] plain = Arrays.copyOf(packet, end);
            if (encrypted) {
                try {
                    rtcpCipher.init(Cipher.DECRYPT_MODE, rtcpKey, new IvParameterSpec(ctrIv(rtcpSalt, ssrc, index)));
                    rtcpCipher.doFinal(packet, RTCP_HEADER, end - RTCP_HEADER, plain, RTCP_HEADER);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("SRTCP decryption failed: " + e.getClass().getSimpleName(), e);
                }
            }
            accept(w, index);
            if (known == null) {
                rtcpStreams.put(ssrc, w);
            }
            return plain;
        }
    }

    private byte[] unprotectRtcpGcm(byte[] packet, int length) throws Dropped {
        int tagBytes = GCM_TAG_BITS / 8;
        if (length < RTCP_HEADER + tagBytes + E_INDEX || ((packet[0] >> 6) & 3) != 2) {
            throw new Dropped(Drop.MALFORMED);
        }
        long ssrc = uint32(packet, 4);
        int sealedEnd = length - E_INDEX;
        long eIndex = uint32(packet, sealedEnd);
        boolean encrypted = (eIndex & 0x80000000L) != 0;
        int index = (int) (eIndex & 0x7FFFFFFF);
        synchronized (rtcpLock) {
            Window known = rtcpStreams.get(ssrc);
            Window w = known != null ? known : new Window();
            if (replayed(w, index)) {
                throw new Dropped(Drop.REPLAYED);
            }
            byte[] plain;
            try {
                rtcpCipher.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(GCM_TAG_BITS,
                        gcmRtcpIv(ssrc, index)));
                if (encrypted) {
                    rtcpCipher.updateAAD(packet, 0, RTCP_HEADER);
                    rtcpCipher.updateAAD(packet, sealedEnd, E_INDEX);
                    plain = Arrays.copyOf(packet, sealedEnd - tagBytes);
                    rtcpCipher.doFinal(packet, RTCP_HEADER, sealedEnd - RTCP_HEADER, plain, RTCP_HEADER);
                } else {
                    // RFC 7714 §9.2: E = 0, the whole packet is associated data and only the tag is "encrypted"
                    int dataEnd = sealedEnd - tagBytes;
                    rtcpCipher.updateAAD(packet, 0, dataEnd);
                    rtcpCipher.updateAAD(packet, sealedEnd, E_INDEX);
                    rtcpCipher.doFinal(packet, dataEnd, tagBytes);
                    plain = Arrays.copyOf(packet, dataEnd);
                }
            } catch (AEADBadTagException forged) {
                throw new Dropped(Drop.AUTHENTICATION);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SRTCP decryption failed: " + e.getClass().getSimpleName(), e);
            }
            accept(w, index);
            if (known == null) {
                rtcpStreams.put(ssrc, w);
            }
            return plain;
        }
    }

    /** RFC 7714 §9.1: {@code 00 00 || SSRC || 00 00 || 0 || SRTCP index} XOR the session salt. */
    private byte[] gcmRtcpIv(long ssrc, int index) {
        byte[] iv = new byte[12];
        putInt(iv, 2, ssrc);
        putInt(iv, 8, index & 0x7FFFFFFFL);
        for (int i = 0; i < iv.length; i++) {
            iv[i] ^= rtcpSalt[i];
        }
        return iv;
    }

    // ---- shared ---------------------------------------------------------------------------------------------

    /**
     * The AES-CM IV of RFC 3711 §4.1.1: {@code (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16)}, the SRTCP index
     * taking the place of the packet index.
     */
    static byte[] ctrIv(byte[] salt, long ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, Math.min(14, salt.length));
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        return iv;
    }

    /**
     * The 48-bit packet index of a sequence number (RFC 3711 §3.3.1, Appendix A): the roll-over counter guessed from
     * the highest index seen so far; -1 for a packet from before the first roll-over counter.
     */
    static long estimateIndex(boolean started, long highest, int seq) {
        if (!started) {
            return seq;
        }
        long roc = highest >>> 16;
        int last = (int) (highest & 0xFFFF);
        long v;
        if (last < 0x8000) {
            v = seq - last > 0x8000 ? roc - 1 : roc;
        } else {
            v = last - 0x8000 > seq ? roc + 1 : roc;
        }
        return v < 0 ? -1 : (v << 16) | seq;
    }

    private static long estimate(Window w, int seq) {
        return estimateIndex(w.started, w.highest, seq);
    }

    private static boolean replayed(Window w, long index) {
        if (!w.started) {
            return false;
        }
        long delta = index - w.highest;
        if (delta > 0) {
            return false;
        }
        return -delta >= REPLAY_WINDOW || (w.seen & (1L << -delta)) != 0;
    }

    private static void accept(Window w, long index) {
        if (!w.started) {
            w.started = true;
            w.highest = index;
            w.seen = 1;
            return;
        }
        long delta = index - w.highest;
        if (delta > 0) {
            w.seen = delta >= REPLAY_WINDOW ? 1 : (w.seen << delta) | 1;
            w.highest = index;
        } else {
            w.seen |= 1L << -delta;
        }
    }

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
