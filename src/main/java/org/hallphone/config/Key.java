package org.hallphone.config;

import java.util.function.Function;

/**
 * One configuration key: its name, default, how its text is read, and how the effective value is printed back.
 *
 * @param name        the key as written in the file
 * @param defaultText the text used when the key is absent; {@code null} when the key is required
 * @param parser      reads the text
 * @param format      writes a value back as text that {@link #parser} reads to the same value
 * @param read        finds the effective value in a loaded configuration; {@code null} for a key that only feeds
 *                    another ({@code sip.password-file} becomes {@code sip.password})
 * @param secret      printed masked
 */
record Key<T>(String name, String defaultText, ValueParser<T> parser, Function<T, String> format,
        Function<KioskConfig, T> read, boolean secret) {

    boolean required() {
        return defaultText == null;
    }

    boolean printed() {
        return read != null;
    }

    /** The effective value of this key in {@code config}, as text (not yet masked). */
    String render(KioskConfig config) {
        return format.apply(read.apply(config));
    }
}
