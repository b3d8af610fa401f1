package org.hallphone.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the effective configuration for {@code --check-config}: every key as {@code key=value}, in the order of
 * the annotated example file, with the keys left at their default marked {@code # default} and secrets masked.
 */
public final class ConfigPrinter {

    /** What a secret that is set prints as; an unset secret prints as an empty value. */
    public static final String MASK = "******";
    static final String DEFAULT_MARK = "  # default";

    private ConfigPrinter() {
    }

    /** One line per key (a blank line between sections), each ending in a newline. */
    public static String render(KioskConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("# effective configuration of ").append(config.source()).append('\n');
        String section = null;
        for (Key<?> key : Keys.ALL) {
            if (!key.printed()) {
                continue;
            }
            String keySection = key.name().substring(0, key.name().indexOf('.'));
            if (!keySection.equals(section)) {
                out.append('\n');
                section = keySection;
            }
            String value = key.render(config);
            out.append(key.name()).append('=').append(key.secret() && !value.isEmpty() ? MASK : escape(value));
            if (isDefault(key, value)) {
                out.append(DEFAULT_MARK);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The keys whose effective value differs between two configurations, one line each as
     * {@code key: "old" -> "new"}, in the order of the example file; a secret shows only that it changed.
     */
    public static List<String> changes(KioskConfig before, KioskConfig after) {
        List<String> changes = new ArrayList<>();
        for (Key<?> key : Keys.ALL) {
            if (!key.printed()) {
                continue;
            }
            String old = key.render(before);
            String now = key.render(after);
            if (old.equals(now)) {
                continue;
            }
            changes.add(key.secret() ? key.name() + ": changed (secret, not shown)"
                    : key.name() + ": " + Values.quote(old) + " -> " + Values.quote(now));
        }
        return changes;
    }

    /**
     * Things that load but that a technician probably wants to fix, one sentence each starting with the key; for
     * {@code --check-config} to print after the configuration.
     */
    public static List<String> warnings(KioskConfig config) {
        List<String> warnings = new ArrayList<>();
        if (config.ui().hotline().isEmpty()) {
            warnings.add("ui.hotline: empty; when no one answers, the screen cannot offer the 24-hour hotline");
        }
        if (config.ui().servicePinHash().isEmpty()) {
            warnings.add("ui.service-pin-hash: empty; the service screen is closed (set one with --hash-pin)");
        }
        if (config.sip().registers() && config.sip().account().password().isEmpty()) {
            warnings.add("sip.password: empty although sip.registrar is set; registration fails if the registrar "
                    + "asks for a password");
        }
        if (config.sip().rtp().srtp() != SipConfig.Srtp.OFF && config.sip().transport() != SipConfig.Transport.TLS) {
            warnings.add("sip.srtp: " + config.sip().rtp().srtp().name().toLowerCase(java.util.Locale.ROOT)
                    + " over sip.transport=" + config.sip().transport().name().toLowerCase(java.util.Locale.ROOT)
                    + "; the SRTP keys travel in clear inside the SIP messages, so anyone who can record the call can"
                    + " also read its keys (use sip.transport=tls)");
        }
        if (config.handset().simulated()) {
            warnings.add("handset.port: simulated; the real handset is not used");
        }
        warnings.addAll(FileSafety.warnings(config));
        SipConfig sip = config.sip();
        if (!sip.incoming().allowFrom().isEmpty() && sip.transport() == SipConfig.Transport.UDP) {
            warnings.add(sip.registers()
                    ? "sip.allow-incoming-from: over UDP only call-backs the registrar delivers to the terminal's "
                    + "random registered Contact ring; the UDP source address alone proves nothing (anyone can "
                    + "forge it), and on the wire the Contact is readable: sip.transport=tls protects call-backs best"
                    : "sip.allow-incoming-from: relies on UDP alone, whose source address anyone on the network can "
                    + "forge, so call-backs are refused; use sip.transport=tcp or tls, or set sip.registrar "
                    + "(call-backs then come to a random registered Contact)");
        }
        return warnings;
    }

    private static boolean isDefault(Key<?> key, String value) {
        if (key.required()) {
            return false;
        }
        return value.equals(defaultRendering(key));
    }

    private static <T> String defaultRendering(Key<T> key) {
        try {
            return key.format().apply(key.parser().parse(key.defaultText(), Path.of("/")));
        } catch (InvalidValueException e) {
            throw new IllegalStateException("default of " + key.name() + " is invalid", e);
        }
    }

    /** Escapes a value so that a .properties reader reads it back unchanged. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
