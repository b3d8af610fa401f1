package org.hallphone.config;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kinds of value a key can hold: a parser with an exact error message for each, and the matching format. */
final class Values {

    /** A host name label (RFC 1123) and the forms of host and host[:port] a key accepts. */
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*\\.?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^]]*]|[^:\\[\\]]+)(?::(.*))?");

    /** RFC 3261 section 25.1 {@code user}: unreserved, escaped and user-unreserved characters. */
    static final Pattern SIP_USER = Pattern.compile("(?:[A-Za-z0-9\\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+");
    private static final Pattern SIP_URI = Pattern.compile("(?i:sips?):(?:([^@]*)@)?([^;?]+)([;?].*)?");

    /** Path variables: the technician writes {@code ${user.home}}, the loader puts in the JVM's value. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    static final List<String> PATH_VARIABLES = List.of("user.home", "java.io.tmpdir");

    private Values() {
    }

    static ValueParser<String> text() {
        return (text, base) -> text;
    }

    /** Text that goes into a SIP header or a serial protocol line: no line breaks or other control characters. */
    static ValueParser<String> singleLine(ValueParser<String> text) {
        return (value, base) -> {
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidValueException("must not contain line breaks, tabs or other control characters");
            }
            return text.parse(value, base);
        };
    }

    static ValueParser<String> nonEmptyText() {
        return (text, base) -> {
            if (text.isEmpty()) {
                throw new InvalidValueException("must not be empty");
            }
            return text;
        };
    }

    static ValueParser<String> matching(Pattern pattern, String expectation) {
        return (text, base) -> {
            if (!pattern.matcher(text).matches()) {
                throw new InvalidValueException(expectation + ", got " + quote(text));
            }
            return text;
        };
    }

    static ValueParser<Integer> integer(int min, int max) {
        return (text, base) -> {
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("expected a whole number from " + min + " to " + max + ", got "
                        + quote(text));
            }
            if (value < min || value > max) {
                throw new InvalidValueException("must be from " + min + " to " + max + ", got " + text);
            }
            return (int) value;
        };
    }

    static ValueParser<Duration> seconds(int min, int max) {
        ValueParser<Integer> whole = integer(min, max);
        return (text, base) -> Duration.ofSeconds(whole.parse(text, base));
    }

    static ValueParser<Duration> millis(int min, int max) {
        ValueParser<Integer> whole = integer(min, max);
        return (text, base) -> Duration.ofMillis(whole.parse(text, base));
    }

    static ValueParser<Double> decimal(double min, double max) {
        return (text, base) -> {
            double value;
            try {
                // Only plain decimals: no hexadecimal, no exponent, no "NaN".
                if (!text.matches("[+-]?\\d+(\\.\\d+)?")) {
                    throw new NumberFormatException(text);
                }
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidValueException("expected a number from " + formatDecimal(min) + " to "
                        + formatDecimal(max) + " such as -3.5, got " + quote(text));
            }
            if (value < min || value > max) {
                throw new InvalidValueException("must be from " + formatDecimal(min) + " to " + formatDecimal(max)
                        + ", got " + text);
            }
            return value;
        };
    }

    static ValueParser<Boolean> bool() {
        return (text, base) -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException("expected true or false, got " + quote(text));
        };
    }

    /** One of a few words, case-insensitive; {@code words} in the order the message lists them. */
    static <T> ValueParser<T> choice(List<String> words, Function<String, T> meaning) {
        return (text, base) -> {
            String word = text.toLowerCase(Locale.ROOT);
            if (!words.contains(word)) {
                throw new InvalidValueException("expected " + alternatives(words) + ", got " + quote(text));
            }
            return meaning.apply(word);
        };
    }

    static <E extends Enum<E>> ValueParser<E> enumeration(Class<E> type) {
        List<String> words = Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList();
        return choice(words, word -> Enum.valueOf(type, word.toUpperCase(Locale.ROOT)));
    }

    /** A comma-separated list; blanks around items are dropped; empty text is the empty list. */
    static <T> ValueParser<List<T>> list(ValueParser<T> item) {
        return (text, base) -> {
            if (text.isEmpty()) {
                return List.of();
            }
            List<T> items = new ArrayList<>();
            String[] parts = text.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].strip();
                if (part.isEmpty()) {
                    throw new InvalidValueException("item " + (i + 1) + " of the comma-separated list is empty");
                }
                items.add(item.parse(part, base));
            }
            return List.copyOf(items);
        };
    }

    /** A list that needs at least one item. */
    static <T> ValueParser<List<T>> nonEmptyList(ValueParser<T> item) {
        ValueParser<List<T>> list = list(item);
        return (text, base) -> {
            if (text.isEmpty()) {
                throw new InvalidValueException("must not be empty");
            }
            return list.parse(text, base);
        };
    }

    /** An on,off,... cadence in milliseconds: an even number of durations from 10 ms to 60 s. */
    static ValueParser<List<Duration>> cadence() {
        ValueParser<List<Duration>> list = nonEmptyList(millis(10, 60_000));
        return (text, base) -> {
            List<Duration> cadence = list.parse(text, base);
            if (cadence.size() % 2 != 0) {
                throw new InvalidValueException("expected pairs of on,off milliseconds such as 1000,4000, got "
                        + cadence.size() + " number" + (cadence.size() == 1 ? "" : "s"));
            }
            return cadence;
        };
    }

    static ValueParser<LocalDate> date() {
        return (text, base) -> {
            try {
                if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw new InvalidValueException("expected a date as yyyy-MM-dd such as 2027-01-07, got "
                            + quote(text));
                }
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidValueException(quote(text) + " is not a date of the calendar");
            }
        };
    }

    /** A host name or address, without port; IPv6 addresses may be written with or without brackets. */
    static ValueParser<String> host() {
        return (text, base) -> {
            if (!isHost(text) && !IPV6.matcher(text).matches()) {
                throw new InvalidValueException("expected a host name or IP address, got " + quote(text));
            }
            return text;
        };
    }

    /**
     * An IP network in CIDR notation ({@code 10.20.0.0/16}, {@code 2001:db8::/32}) or a single address; only
     * literal addresses, so that reading the configuration never waits for DNS.
     */
    static ValueParser<String> cidr() {
        return (text, base) -> {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            boolean v4 = IPV4.matcher(address).matches();
            boolean v6 = !v4 && IPV6.matcher(address).matches();
            if (!v4 && !v6) {
                throw new InvalidValueException("expected an IP network such as 10.20.0.0/16 or an IP address, got "
                        + quote(text));
            }
            try {
                java.net.InetAddress.getByName(address);
            } catch (java.net.UnknownHostException e) {
                throw new InvalidValueException("not an IP address: " + quote(address));
            }
            if (slash >= 0) {
                int max = v4 ? 32 : 128;
                String bits = text.substring(slash + 1);
                if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > max) {
                    throw new InvalidValueException("the prefix length after / must be 0-" + max + ", got "
                            + quote(text));
                }
            }
            return text;
        };
    }

    /**
     * {@code host[:port]} or, when {@code portRequired}, {@code host:port}; IPv6 addresses in brackets.
     *
     * @param minPort 0 where a listening port may be 0 (any free port), else 1
     */
    static ValueParser<String> hostPort(boolean portRequired, int minPort) {
        String shape = portRequired ? "host:port" : "host[:port]";
        return (text, base) -> {
            if (text.toLowerCase(Locale.ROOT).matches("sips?:.*")) {
                throw new InvalidValueException("expected " + shape + " without \"" + text.substring(0,
                        text.indexOf(':') + 1) + "\", such as pbx.example.org:5060, got " + quote(text));
            }
            Matcher matcher = HOST_PORT.matcher(text);
            if (!matcher.matches() || !isHost(matcher.group(1))) {
                throw new InvalidValueException("expected " + shape + " such as "
                        + (portRequired ? "127.0.0.1:8787" : "pbx.example.org:5060") + ", got " + quote(text));
            }
            String port = matcher.group(2);
            if (port == null && portRequired) {
                throw new InvalidValueException("no port: expected " + shape + " such as 127.0.0.1:8787, got "
                        + quote(text));
            }
            if (port != null) {
                checkPort(port, minPort, text);
            }
            return text;
        };
    }

    /** A {@code sip:} or {@code sips:} URI with a host, optional user, port and parameters (RFC 3261 19.1.1). */
    static ValueParser<String> sipUri() {
        return (text, base) -> {
            Matcher matcher = SIP_URI.matcher(text);
            boolean ok = matcher.matches() && !text.chars().anyMatch(Character::isWhitespace);
            if (ok) {
                String user = matcher.group(1);
                Matcher hostPort = HOST_PORT.matcher(matcher.group(2));
                ok = (user == null || SIP_USER.matcher(user).matches()) && hostPort.matches()
                        && isHost(hostPort.group(1));
                if (ok && hostPort.group(2) != null) {
                    checkPort(hostPort.group(2), 1, text);
                }
            }
            if (!ok) {
                throw new InvalidValueException("expected a SIP URI such as sip:reps@pbx.example.org, got "
                        + quote(text));
            }
            return text;
        };
    }

    /**
     * A file or folder. {@code ${user.home}} and {@code ${java.io.tmpdir}} are replaced by the JVM's values;
     * a relative path is taken relative to {@code baseDir}. Empty text gives {@code null} (not set).
     */
    static ValueParser<Path> path() {
        return (text, base) -> {
            if (text.isEmpty()) {
                return null;
            }
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder expanded = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!PATH_VARIABLES.contains(name)) {
                    throw new InvalidValueException("unknown variable ${" + name + "}; use ${user.home} or "
                            + "${java.io.tmpdir}");
                }
                matcher.appendReplacement(expanded, Matcher.quoteReplacement(System.getProperty(name)));
            }
            matcher.appendTail(expanded);
            try {
                Path path = Path.of(expanded.toString());
                return path.isAbsolute() ? path.normalize() : base.resolve(path).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new InvalidValueException("not a valid path: " + e.getReason());
            }
        };
    }

    static String formatDecimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }

    /** "a, b or c". */
    static String alternatives(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static void checkPort(String port, int minPort, String whole) throws InvalidValueException {
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < minPort || value > 65535) {
            throw new InvalidValueException("port must be from " + minPort + " to 65535, got " + quote(port)
                    + " in " + quote(whole));
        }
    }

    private static boolean isHost(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return IPV6.matcher(host.substring(1, host.length() - 1)).matches();
        }
        Matcher ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return false;
                }
            }
            return true;
        }
        // All-numeric labels that are not a valid IPv4 address are a typo, not a host name.
        return HOST_NAME.matcher(host).matches() && !host.matches("[\\d.]+");
    }
}
