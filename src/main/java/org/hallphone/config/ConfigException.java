package org.hallphone.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; carries every problem found, not just the first. */
public final class ConfigException extends Exception {

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The problems, in the order of the file (then overrides, then keys that are missing). */
    public List<ConfigError> errors() {
        return errors;
    }
}
