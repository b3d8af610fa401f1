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

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Texts of(Locale locale) {
        return new Texts(supported(locale));
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

    private String pattern(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no text '" + key + "' in " + BUNDLE + "_" + locale, e);
        }
    }

    boolean has(String key) {
        return bundle.containsKey(key);
    }
}
