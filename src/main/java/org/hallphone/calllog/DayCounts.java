package org.hallphone.calllog;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Outcome;

/**
 * How many calls of one day ended how (for the service screen).
 *
 * @param date      the day, in the terminal's zone
 * @param byOutcome every outcome, with 0 for those that did not occur
 * @param total     all calls of the day, including rows without an outcome
 */
public record DayCounts(LocalDate date, Map<Outcome, Integer> byOutcome, int total) {

    public DayCounts {
        EnumMap<Outcome, Integer> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, byOutcome.getOrDefault(outcome, 0));
        }
        byOutcome = Collections.unmodifiableMap(all);
    }

    /** The calls of {@code date} with this outcome. */
    public int count(Outcome outcome) {
        return byOutcome.get(outcome);
    }

    static DayCounts of(LocalDate date, List<CallRecord> records) {
        EnumMap<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (CallRecord record : records) {
            if (record.outcome() != null) {
                counts.merge(record.outcome(), 1, Integer::sum);
            }
        }
        return new DayCounts(date, counts, records.size());
    }
}
