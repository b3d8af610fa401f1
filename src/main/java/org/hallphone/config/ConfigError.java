package org.hallphone.config;

/**
 * One problem found in the configuration, printed as {@code file:line: key: what is wrong}.
 *
 * @param source  the file as the technician named it, {@code <override>} for a command-line override, or a
 *                {@code classpath:} pseudo path
 * @param line    the line where the key (or the problem) starts, 1-based; 0 when there is none (a missing key)
 * @param key     the key concerned; empty when the problem is not tied to a key (a file that is not UTF-8)
 * @param message what is wrong, in words a technician understands
 */
public record ConfigError(String source, int line, String key, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (!key.isEmpty()) {
            text.append(key).append(": ");
        }
        return text.append(message).toString();
    }
}
