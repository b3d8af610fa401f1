package org.hallphone.config;

import java.util.Base64;
import java.util.Optional;

/**
 * The stored form of the service screen's PIN, {@code ui.service-pin-hash}:
 * {@code pbkdf2$<iterations>$<salt, Base64>$<derived key, Base64>}, PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2).
 * This class is the one home of that text form and of the rule for a new PIN, so that the loader checks the key
 * like any other ({@code file:line: ui.service-pin-hash: ...}) and {@code --hash-pin} and the screen agree; the
 * hashing itself is done by the screen ({@code ui.ServicePin}). The value is a secret: no message here repeats it.
 */
public final class PinHash {

    /** The form every stored hash starts with. */
    public static final String SCHEME = "pbkdf2";
    /**
     * Shortest new PIN: a patient at the kiosk gets about 15 tries a day through the service screen's lock-outs,
     * and a leaked hash of a 6-digit PIN still costs a million PBKDF2 runs. Hashes made earlier for shorter PINs
     * keep working (a hash does not tell the length); the screen logs a warning when such a PIN is entered.
     */
    public static final int MIN_DIGITS = 6;
    public static final int MAX_DIGITS = 12;
    /** More PBKDF2 rounds than this would hold the screen's worker for minutes: not a hash we printed. */
    static final int MAX_ITERATIONS = 10_000_000;
    static final String NOT_A_HASH = "not a hash printed by --hash-pin (" + SCHEME
            + "$<iterations>$<salt>$<hash>)";

    private final int iterations;
    private final byte[] salt;
    private final byte[] key;

    private PinHash(int iterations, byte[] salt, byte[] key) {
        this.iterations = iterations;
        this.salt = salt.clone();
        this.key = key.clone();
    }

    /**
     * A hash of {@code iterations} rounds.
     *
     * @throws IllegalArgumentException when the rounds are out of 1 to 10,000,000 or salt or key are empty
     */
    public static PinHash of(int iterations, byte[] salt, byte[] key) {
        if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || key.length == 0) {
            throw new IllegalArgumentException(NOT_A_HASH);
        }
        return new PinHash(iterations, salt, key);
    }

    /** The hash written in {@code text}; empty when {@code text} is null, empty or not of this form. */
    public static Optional<PinHash> parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return Optional.of(of(Integer.parseInt(parts[1]), base64.decode(parts[2]), base64.decode(parts[3])));
        } catch (IllegalArgumentException malformed) {
            // also a number that is not one (NumberFormatException) and text that is not Base64
            return Optional.empty();
        }
    }

    /**
     * Checks a PIN before it is hashed: {@value #MIN_DIGITS} to {@value #MAX_DIGITS} digits 0-9.
     *
     * @throws IllegalArgumentException saying so; the message never contains the PIN
     */
    public static void checkNewPin(char[] pin) {
        boolean digits = pin != null && pin.length >= MIN_DIGITS && pin.length <= MAX_DIGITS;
        for (int i = 0; digits && i < pin.length; i++) {
            digits = pin[i] >= '0' && pin[i] <= '9';
        }
        if (!digits) {
            throw new IllegalArgumentException("the PIN must be " + MIN_DIGITS + " to " + MAX_DIGITS
                    + " digits (0-9)");
        }
    }

    public int iterations() {
        return iterations;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] key() {
        return key.clone();
    }

    /** The text form, as {@code ui.service-pin-hash} holds it. */
    public String text() {
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(key);
    }

    /** Masked, like every {@link Secret}. */
    @Override
    public String toString() {
        return "PinHash[******]";
    }

    /** The parser of {@code ui.service-pin-hash}: empty (the service screen is closed) or a well-formed hash. */
    static ValueParser<Secret> parser() {
        return (text, base) -> {
            if (text.isEmpty()) {
                return Secret.NONE;
            }
            if (parse(text).isEmpty()) {
                throw new InvalidValueException(NOT_A_HASH);
            }
            return new Secret(text);
        };
    }
}
