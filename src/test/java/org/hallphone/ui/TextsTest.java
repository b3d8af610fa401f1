package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.hallphone.call.Fault;
import org.junit.jupiter.api.Test;

/** Both languages say everything, every text is a valid pattern, and the right language is chosen. */
class TextsTest {

    private static Properties load(String lang) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Texts.class.getResourceAsStream("messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndNoEmptyText() throws IOException {
        Properties ru = load("ru");
        Properties en = load("en");
        assertEquals(new TreeSet<>(ru.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()));
        for (Properties p : new Properties[] {ru, en}) {
            for (String key : p.stringPropertyNames()) {
                String text = p.getProperty(key);
                assertFalse(text.isBlank(), key);
                new MessageFormat(text); // throws on a broken pattern
                assertFalse(text.matches(".*[^']'[^'].*") && !text.contains("''"),
                        key + ": a single apostrophe disappears in a MessageFormat pattern: " + text);
            }
        }
        for (Fault fault : Fault.values()) {
            assertTrue(ru.containsKey("oos." + fault.name()), "a plain-words cause for " + fault);
        }
    }

    @Test
    void russianIsReadAsUtf8AndIsTheDefault() {
        assertEquals("Снимите трубку", Texts.of(Locale.forLanguageTag("ru")).get("ready.heading"));
        assertEquals("Снимите трубку", Texts.of(Locale.GERMAN).get("ready.heading"), "unknown: Russian");
        assertEquals("Lift the handset", Texts.of(Locale.UK).get("ready.heading"));
        assertEquals("Representative's office: ул. Ленина", Texts.of(Locale.ENGLISH)
                .format("info.office", "ул. Ленина"));
        assertEquals(Texts.ENGLISH, Texts.other(Texts.RUSSIAN));
        assertEquals(Texts.RUSSIAN, Texts.other(Texts.ENGLISH));
    }
}
