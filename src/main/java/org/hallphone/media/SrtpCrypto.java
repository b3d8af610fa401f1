package org.hallphone.media;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The primitives of SRTP on the JDK's own providers: the AES-CM key derivation of RFC 3711 §4.3 and AES in
 * counter mode (§4.1.1) with its IV. Stateless; every method allocates its own {@link Cipher}.
 */
final class SrtpCrypto {

    /** Key derivation labels (RFC 3711 §4.3.1-4.3.2). */
    static final int LABEL_RTP_ENCRYPTION = 0;
    static final int LABEL_RTP_AUTH = 1;
    static final int LABEL_RTP_SALT = 2;
    static final int LABEL_RTCP_ENCRYPTION = 3;
    static final int LABEL_RTCP_AUTH = 4;
    static final int LABEL_RTCP_SALT = 5;

    /** HMAC-SHA1 session authentication key length: 160 bits (RFC 3711 §4.2.1). */
    static final int AUTH_KEY_BYTES = 20;

    private static final int BLOCK = 16;
    /** The key derivation works on a 112-bit salt; a 96-bit GCM salt is padded with zeros (RFC 7714 §11). */
    private static final int KDF_SALT_BYTES = 14;

    private SrtpCrypto() {
    }

    /**
     * One session key of {@code length} bytes: the AES-CM PRF keyed with the master key, run from
     * {@code x * 2^16} where {@code x = (label << 48) XOR master_salt} (key derivation rate 0, so
     * {@code index DIV kdr} is 0; RFC 3711 §4.3.1 and §4.3.3).
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[BLOCK];
        System.arraycopy(masterSalt, 0, iv, 0, Math.min(masterSalt.length, KDF_SALT_BYTES));
        iv[7] ^= (byte) label; // the label is the top byte of the 56-bit key_id, right-aligned in the salt
        return aesCtr(masterKey, iv, new byte[length], 0, length);
    }

    /** {@code data[offset..offset+length)} XORed with the AES-CM keystream that starts at counter {@code iv}. */
    static byte[] aesCtr(byte[] key, byte[] iv, byte[] data, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(data, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/CTR: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The AES-CM IV of RFC 3711 §4.1.1: {@code (salt * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16)}, the SRTCP index
     * taking the place of the packet index.
     */
    static byte[] ctrIv(byte[] salt, long ssrc, long index) {
        byte[] iv = new byte[BLOCK];
        System.arraycopy(salt, 0, iv, 0, Math.min(KDF_SALT_BYTES, salt.length));
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        return iv;
    }
}
