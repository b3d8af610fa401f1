package org.hallphone.call;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts, per target, the attempts in a row that the target refused the terminal itself (404, 403, 488 ...). From
 * {@link #THRESHOLD} on the call plan is broken and central staff must know: the alarm names the target and its
 * last status. A sign that the target exists and works (it rang, was busy or answered) clears its count and, if it
 * was the one named, the alarm. Confined to the call-flow thread.
 */
final class TargetRefusals {

    /** Refusals in a row that raise the alarm. */
    static final int THRESHOLD = 3;

    private final Map<String, Integer> inARow = new HashMap<>();
    private String alarmTarget = "";
    private String alarm = "";

    /** The target refused the terminal with {@code status}; returns true when this raised (or renewed) the alarm. */
    boolean refused(String target, int status, String cause) {
        int n = inARow.merge(target, 1, Integer::sum);
        if (n < THRESHOLD) {
            return false;
        }
        alarmTarget = target;
        alarm = target + " refused " + n + " calls in a row (last: " + (cause.isEmpty() ? status : cause) + ")";
        return true;
    }

    /** The target rang, was busy or answered: it exists and accepts the terminal. */
    void works(String target) {
        inARow.remove(target);
        if (target.equals(alarmTarget)) {
            alarmTarget = "";
            alarm = "";
        }
    }

    /** The alarm text for {@code /health}; empty when none. */
    String alarm() {
        return alarm;
    }
}
