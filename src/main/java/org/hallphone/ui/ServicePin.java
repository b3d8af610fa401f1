package org.hallphone.ui;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The service screen's PIN, stored only as a salted hash ({@code ui.service-pin-hash}):
 * {@code pbkdf2$<iterations>$<salt, Base64>$<hash, Base64>} with PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2),
 * a random 16-byte salt and a 32-byte derived key. {@code bin/hallphone --hash-pin} prints one.
 */
public final class ServicePin {

    /** The form every stored hash starts with. */
    public static final String SCHEME = "pbkdf2";

    static final int ITERATIONS = 120_000;
    /**
     * Shortest PIN {@link #hash} accepts: a patient at the kiosk gets about 15 tries a day through the lock-outs
     * of {@link ServiceGate}, and a leaked hash of a 6-digit PIN still costs a million PBKDF2 runs. Hashes made
     * earlier for shorter PINs keep working (a hash does not tell the length); the screen logs a warning when
     * such a PIN is entered.
     */
    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 12;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServicePin() {
    }

    /**
     * Hashes a PIN of 6 to 12 digits with a fresh salt.
     *
     * @throws IllegalArgumentException when the PIN is not 6 to 12 digits (the message says so; it never
     *                                  contains the PIN)
     */
    public static String hash(char[] pin) {
        checkDigits(pin);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = derive(pin, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    /**
     * True when {@code pin} matches {@code stored}. A malformed or empty {@code stored} never matches. Takes the
     * same time whatever the PIN (about 0.1 s): call it off the FX thread.
     */
    public static boolean verify(char[] pin, String stored) {
        if (stored == null) {
            return false;
        }
        String[] parts = stored.trim().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > 10_000_000 || salt.length == 0 || expected.length == 0) {
                return false;
            }
            return MessageDigest.isEqual(derive(pin, salt, iterations, expected.length * 8), expected);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** True when {@code stored} has the form {@link #hash} produces (for configuration validation). */
    public static boolean isWellFormed(String stored) {
        String[] parts = stored == null ? new String[0] : stored.trim().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            return Integer.parseInt(parts[1]) > 0 && Base64.getDecoder().decode(parts[2]).length > 0
                    && Base64.getDecoder().decode(parts[3]).length > 0;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static void checkDigits(char[] pin) {
        if (pin == null || pin.length < MIN_DIGITS || pin.length > MAX_DIGITS) {
            throw new IllegalArgumentException("the PIN must have " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
        }
        for (char c : pin) {
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("the PIN must consist of digits 0-9 only");
            }
        }
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations) {
        return derive(pin, salt, iterations, KEY_BITS);
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
