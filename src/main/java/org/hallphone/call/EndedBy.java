package org.hallphone.call;

import java.util.Locale;

/** The {@code ended_by} column of the call log. */
public enum EndedBy {
    PATIENT, REMOTE, TIMEOUT, SYSTEM;

    public String csv() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EndedBy fromCsv(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
