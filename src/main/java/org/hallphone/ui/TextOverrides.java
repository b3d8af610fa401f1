package org.hallphone.ui;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hallphone.config.ConfigError;
import org.hallphone.config.PropertiesParser;
import org.hallphone.config.UiConfig;

/**
 * A deployment's own words for the screen ({@code ui.texts-dir}): {@code messages_ru.properties} and/or
 * {@code messages_en.properties}, in the syntax of the configuration file, holding only the keys to change. They
 * are checked like the configuration, at start and by {@code --check-config}: an unknown key, an empty text, a
 * broken pattern, a lone apostrophe or placeholders ({0}, {1}) that differ from the built-in text are errors with
 * {@code file:line: key: what is wrong}, so that a typo never reaches a patient's screen.
 */
public final class TextOverrides {

    static final TextOverrides NONE = new TextOverrides(Map.of());
    private static final int MAX_ARGUMENTS = 10;

    private final Map<Locale, Map<String, String>> texts;

    private TextOverrides(Map<Locale, Map<String, String>> texts) {
        this.texts = texts;
    }

    /** The override of {@code key} in {@code locale}, or null. */
    String get(Locale locale, String key) {
        Map<String, String> language = texts.get(locale);
        return language == null ? null : language.get(key);
    }

    /** Every problem of the overrides in {@code dir} (nothing when {@code dir} is null); reads nothing else. */
    public static List<ConfigError> check(Path dir) {
        List<ConfigError> errors = new ArrayList<>();
        read(dir, errors);
        return errors;
    }

    /**
     * Every problem of the screen's own files: the text overrides of {@code ui.texts-dir} and the picture of
     * {@code ui.text-route-qr} (it must be a PNG or JPEG that can be read).
     */
    public static List<ConfigError> check(UiConfig ui) {
        List<ConfigError> errors = new ArrayList<>(check(ui.textsDir()));
        Path qr = ui.textRouteQr();
        if (qr != null) {
            try {
                if (javax.imageio.ImageIO.read(qr.toFile()) == null) {
                    errors.add(new ConfigError(qr.toString(), 0, "ui.text-route-qr", "not a PNG or JPEG picture"));
                }
            } catch (IOException e) {
                errors.add(new ConfigError(qr.toString(), 0, "ui.text-route-qr", "cannot read the picture: "
                        + (Files.exists(qr) ? e.getMessage() : "no such file")));
            }
        }
        return errors;
    }

    /** The overrides in {@code dir}; {@link #NONE} when it is null; throws when they are not valid. */
    static TextOverrides load(Path dir) {
        List<ConfigError> errors = new ArrayList<>();
        TextOverrides overrides = read(dir, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.get(0).toString());
        }
        return overrides;
    }

    private static TextOverrides read(Path dir, List<ConfigError> errors) {
        if (dir == null) {
            return NONE;
        }
        if (!Files.isDirectory(dir)) {
            errors.add(new ConfigError(dir.toString(), 0, "ui.texts-dir", "no such folder"));
            return NONE;
        }
        Map<Locale, Map<String, String>> all = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".properties")) {
                    continue;
                }
                Locale locale = Texts.LANGUAGES.stream()
                        .filter(l -> name.equals("messages_" + l.getLanguage() + ".properties")).findFirst()
                        .orElse(null);
                if (locale == null) {
                    errors.add(new ConfigError(file.toString(), 0, "", "not read: the screen's texts are "
                            + "messages_ru.properties and messages_en.properties"));
                    continue;
                }
                all.put(locale, readFile(file, locale, errors));
            }
        } catch (IOException e) {
            errors.add(new ConfigError(dir.toString(), 0, "ui.texts-dir", "cannot list the folder: " + e));
        }
        return new TextOverrides(Map.copyOf(all));
    }

    private static Map<String, String> readFile(Path file, Locale locale, List<ConfigError> errors) {
        String source = file.toString();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            errors.add(new ConfigError(source, 0, "", "not UTF-8 text; save the file as UTF-8"));
            return Map.of();
        } catch (IOException e) {
            errors.add(new ConfigError(source, 0, "", "cannot read: " + e.getMessage()));
            return Map.of();
        }
        PropertiesParser.Result parsed = PropertiesParser.parse(text);
        for (PropertiesParser.Problem p : parsed.problems()) {
            errors.add(new ConfigError(source, p.line(), p.key(), p.message()));
        }
        Texts builtIn = Texts.of(locale);
        Map<String, String> out = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (PropertiesParser.Property p : parsed.properties()) {
            Integer first = seen.putIfAbsent(p.key(), p.line());
            if (first != null) {
                errors.add(new ConfigError(source, p.line(), p.key(), "set twice (first on line " + first
                        + "); keep one"));
                continue;
            }
            String problem = problem(builtIn, p.key(), p.value());
            if (problem != null) {
                errors.add(new ConfigError(source, p.line(), p.key(), problem));
            } else {
                out.put(p.key(), p.value());
            }
        }
        return Map.copyOf(out);
    }

    /** What is wrong with {@code value} as the text of {@code key}; null when nothing is. */
    static String problem(Texts builtIn, String key, String value) {
        if (!builtIn.hasBuiltIn(key)) {
            return "unknown key: the screen has no text of that name";
        }
        if (value.isBlank()) {
            return "empty; remove the line to keep the built-in text";
        }
        TreeSet<Integer> used;
        try {
            used = arguments(value);
        } catch (IllegalArgumentException e) {
            return "not a valid text pattern (" + e.getMessage() + "); write a brace as '{' and an apostrophe as ''";
        }
        if (value.matches("(?s).*(^|[^'])'([^']|$).*")) {
            return "a single apostrophe is dropped from the screen; write it twice ('')";
        }
        TreeSet<Integer> expected = arguments(builtIn.pattern(key));
        if (!used.equals(expected)) {
            return expected.isEmpty() ? "this text takes no placeholders, got " + braces(used)
                    : "must use exactly the placeholders " + braces(expected) + " of the built-in text, got "
                    + (used.isEmpty() ? "none" : braces(used));
        }
        return null;
    }

    /** The argument numbers a pattern shows, found by formatting it with a marker per argument. */
    private static TreeSet<Integer> arguments(String pattern) {
        MessageFormat format = new MessageFormat(pattern, Locale.ROOT);
        Object[] markers = new Object[MAX_ARGUMENTS];
        for (int i = 0; i < markers.length; i++) {
            markers[i] = "\u0001" + i + "\u0002";
        }
        String shown;
        try {
            shown = format.format(markers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a placeholder with a number format");
        }
        TreeSet<Integer> used = new TreeSet<>();
        for (int i = 0; i < markers.length; i++) {
            if (shown.contains((String) markers[i])) {
                used.add(i);
            }
        }
        if (format.getFormatsByArgumentIndex().length > MAX_ARGUMENTS) {
            throw new IllegalArgumentException("placeholder number above " + (MAX_ARGUMENTS - 1));
        }
        return used;
    }

    private static String braces(TreeSet<Integer> args) {
        StringBuilder out = new StringBuilder();
        for (int i : args) {
            out.append(out.length() == 0 ? "" : " ").append('{').append(i).append('}');
        }
        return out.toString();
    }
}
