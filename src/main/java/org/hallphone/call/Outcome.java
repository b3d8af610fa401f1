package org.hallphone.call;

import java.util.Locale;

/** The {@code outcome} column of the call log. */
public enum Outcome {
    ANSWERED, ABANDONED, BUSY, NO_ANSWER, FAILED, OUT_OF_SERVICE, INTERRUPTED;

    /** The value written in the call log, e.g. {@code no_answer}. */
    public String csv() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromCsv(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
