package org.hallphone.media;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * One direction's master key and salt and its crypto suite, as SDES carries them (RFC 4568 §6.1: the inline key
 * is the master key followed by the master salt). The key never appears in {@link #toString()}.
 */
public final class SrtpPolicy {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SrtpSuite suite;
    private final byte[] masterKey;
    private final byte[] masterSalt;

    private SrtpPolicy(SrtpSuite suite, byte[] masterKey, byte[] masterSalt) {
        this.suite = suite;
        this.masterKey = masterKey;
        this.masterSalt = masterSalt;
    }

    /** A fresh random master key and salt for {@code suite}, from {@link SecureRandom}. */
    public static SrtpPolicy random(SrtpSuite suite) {
        byte[] keyAndSalt = new byte[suite.keyBytes() + suite.saltBytes()];
        RANDOM.nextBytes(keyAndSalt);
        SrtpPolicy policy = of(suite, keyAndSalt);
        Arrays.fill(keyAndSalt, (byte) 0);
        return policy;
    }

    /**
     * The policy of an SDES inline key: master key then master salt.
     *
     * @throws IllegalArgumentException when the length does not fit the suite (the message names no key bytes)
     */
    public static SrtpPolicy of(SrtpSuite suite, byte[] keyAndSalt) {
        Objects.requireNonNull(suite, "suite");
        int keyBytes = suite.keyBytes();
        if (keyAndSalt.length != keyBytes + suite.saltBytes()) {
            throw new IllegalArgumentException(suite.sdesName() + " needs " + (keyBytes + suite.saltBytes())
                    + " bytes of key and salt, got " + keyAndSalt.length);
        }
        return new SrtpPolicy(suite, Arrays.copyOfRange(keyAndSalt, 0, keyBytes),
                Arrays.copyOfRange(keyAndSalt, keyBytes, keyAndSalt.length));
    }

    public SrtpSuite suite() {
        return suite;
    }

    /** Master key followed by master salt, for the SDES inline parameter (a copy). */
    public byte[] keyAndSalt() {
        byte[] out = Arrays.copyOf(masterKey, masterKey.length + masterSalt.length);
        System.arraycopy(masterSalt, 0, out, masterKey.length, masterSalt.length);
        return out;
    }

    byte[] masterKey() {
        return masterKey.clone();
    }

    byte[] masterSalt() {
        return masterSalt.clone();
    }

    /** Same suite and same key material (compared in constant time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpPolicy p && p.suite == suite && MessageDigest.isEqual(p.masterKey, masterKey)
                && MessageDigest.isEqual(p.masterSalt, masterSalt);
    }

    @Override
    public int hashCode() {
        return suite.hashCode();
    }

    @Override
    public String toString() {
        return suite.sdesName() + " (key not shown)";
    }
}
