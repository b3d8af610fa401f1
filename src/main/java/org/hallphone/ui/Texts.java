package org.hallphone.ui;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The screen's words in one language, from {@code messages_<lang>.properties} next to this class (UTF-8).
 * Every text is a {@link MessageFormat} pattern, with or without arguments (an apostrophe is written twice).
 */
final class Texts {

    static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    static final Locale ENGLISH = Locale.ENGLISH;
    static final List<Locale> LANGUAGES = List.of(RUSSIAN, ENGLISH);
    private static final String BUNDLE = "org.hallphone.ui.messages";

    private final Locale locale;
    private final ResourceBundle bundle;
    private final TextOverrides overrides;

    private Texts(Locale locale, TextOverrides overrides) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.overrides = overrides;
    }

    /** The built-in words. */
    static Texts of(Locale locale) {
        return new Texts(supported(locale), TextOverrides.NONE);
    }

    /** The deployment's words where it has its own ({@code ui.texts-dir}), the built-in ones elsewhere. */
    static Texts of(Locale locale, TextOverrides overrides) {
        return new Texts(supported(locale), overrides);
    }

    /** The language itself when the screen speaks it, Russian otherwise. */
    static Locale supported(Locale locale) {
        if (locale != null && ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return ENGLISH;
        }
        return RUSSIAN;
    }

    /** The language the language button switches to. */
    static Locale other(Locale locale) {
        return supported(locale).equals(RUSSIAN) ? ENGLISH : RUSSIAN;
    }

    Locale locale() {
        return locale;
    }

    String get(String key) {
        return format(key);
    }

    String format(String key, Object... args) {
        return new MessageFormat(pattern(key), locale).format(args);
    }

    /** The pattern of {@code key}: the deployment's override, else the built-in text. */
    String pattern(String key) {
        String own = overrides.get(locale, key);
        if (own != null) {
            return own;
        }
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text '" + key + "' in " + BUNDLE + "_" + locale, e);
        }
    }

    boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The built-in bundle has {@code key} (overrides can only change built-in texts). */
    boolean hasBuiltIn(String key) {
        return bundle.containsKey(key);
    }
}
