package org.hallphone.call;

import java.util.Locale;

/** The {@code direction} column: {@code out} the patient called, {@code in} central staff called back. */
public enum Direction {
    OUT, IN;

    public String csv() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromCsv(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
