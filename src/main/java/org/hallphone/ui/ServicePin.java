package org.hallphone.ui;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.hallphone.config.PinHash;

/**
 * Hashes and checks the service screen's PIN with PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2), a random 16-byte
 * salt and a 32-byte derived key. The stored form ({@code ui.service-pin-hash}) and the rule for a new PIN are
 * the configuration's ({@link PinHash}); {@code bin/hallphone --hash-pin} prints a hash made here.
 */
public final class ServicePin {

    static final int ITERATIONS = 120_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServicePin() {
    }

    /**
     * Hashes a PIN of 6 to 12 digits with a fresh salt; returns the text for {@code ui.service-pin-hash}.
     *
     * @throws IllegalArgumentException when the PIN is not 6 to 12 digits (the message says so; it never
     *                                  contains the PIN)
     */
    public static String hash(char[] pin) {
        PinHash.checkNewPin(pin);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return PinHash.of(ITERATIONS, salt, derive(pin, salt, ITERATIONS, KEY_BITS)).text();
    }

    /**
     * True when {@code pin} matches {@code stored}. A malformed or empty {@code stored} never matches. Takes the
     * same time whatever the PIN (about 0.1 s): call it off the FX thread.
     */
    public static boolean verify(char[] pin, String stored) {
        return PinHash.parse(stored).map(hash -> {
            byte[] expected = hash.key();
            return MessageDigest.isEqual(derive(pin, hash.salt(), hash.iterations(), expected.length * 8), expected);
        }).orElse(false);
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
