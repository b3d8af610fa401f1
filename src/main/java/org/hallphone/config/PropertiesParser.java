package org.hallphone.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of a {@code .properties} file like {@link java.util.Properties} does, but keeps the line number of
 * every key and reports bad escapes instead of throwing, so that errors can say {@code file:line}.
 *
 * <p>Supported: comment lines starting with {@code #} or {@code !}; {@code key=value}, {@code key: value} and
 * {@code key value}; a backslash at the end of a line continues the value on the next line (leading blanks of the
 * next line are dropped); the escapes {@code \t \n \r \f \\}, and a backslash with {@code u} and four hexadecimal
 * digits for any character; any other escaped character stands for itself.
 * Unlike {@code Properties}, values lose their trailing blanks too: a stray space after a value never matters.
 * Public so that other files in the same syntax (the screen's text overrides) report {@code file:line} alike.
 */
public final class PropertiesParser {

    /** One key as written in the file. */
    public record Property(String key, String value, int line) {
    }

    /** The keys in file order and the lines that could not be read. */
    public record Result(List<Property> properties, List<Problem> problems) {
    }

    /** A line that could not be read; {@code key} is empty when the key itself was unreadable. */
    public record Problem(int line, String key, String message) {
    }

    private PropertiesParser() {
    }

    public static Result parse(String text) {
        List<Property> properties = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.startsWith("\uFEFF") ? text.substring(1).split("\r\n|\r|\n", -1)
                : text.split("\r\n|\r|\n", -1);
        int index = 0;
        while (index < lines.length) {
            int firstLine = index + 1;
            String physical = stripLeading(lines[index]);
            index++;
            if (physical.isEmpty() || physical.charAt(0) == '#' || physical.charAt(0) == '!') {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            String current = physical;
            while (endsWithContinuation(current)) {
                logical.append(current, 0, current.length() - 1);
                if (index >= lines.length) {
                    current = "";
                    break;
                }
                current = stripLeading(lines[index]);
                index++;
            }
            logical.append(current);
            parseLogicalLine(logical.toString(), firstLine, properties, problems);
        }
        return new Result(properties, problems);
    }

    private static void parseLogicalLine(String line, int lineNumber, List<Property> properties,
            List<Problem> problems) {
        int keyEnd = 0;
        while (keyEnd < line.length()) {
            char c = line.charAt(keyEnd);
            if (c == '\\') {
                keyEnd += 2;
                continue;
            }
            if (c == '=' || c == ':' || isBlank(c)) {
                break;
            }
            keyEnd++;
        }
        keyEnd = Math.min(keyEnd, line.length());
        int valueStart = keyEnd;
        while (valueStart < line.length() && isBlank(line.charAt(valueStart))) {
            valueStart++;
        }
        if (valueStart < line.length() && (line.charAt(valueStart) == '=' || line.charAt(valueStart) == ':')) {
            valueStart++;
        }
        String key;
        try {
            key = unescape(line.substring(0, keyEnd));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(lineNumber, "", "cannot read the key: " + e.getMessage()));
            return;
        }
        try {
            properties.add(new Property(key, unescape(line.substring(valueStart)).strip(), lineNumber));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(lineNumber, key, e.getMessage()));
        }
    }

    /** An odd number of backslashes at the end: the last one is not itself escaped. */
    private static boolean endsWithContinuation(String line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            i++;
            if (i >= raw.length()) {
                break;
            }
            char escaped = raw.charAt(i);
            switch (escaped) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    String hex = raw.substring(i + 1, Math.min(i + 5, raw.length()));
                    if (!hex.matches("[0-9A-Fa-f]{4}")) {
                        throw new IllegalArgumentException("bad escape \"\\u" + hex
                                + "\" (\\u needs four hexadecimal digits, e.g. \\u00AB)");
                    }
                    out.append((char) Integer.parseInt(hex, 16));
                    i += 4;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }

    private static String stripLeading(String line) {
        int start = 0;
        while (start < line.length() && isBlank(line.charAt(start))) {
            start++;
        }
        return line.substring(start);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
