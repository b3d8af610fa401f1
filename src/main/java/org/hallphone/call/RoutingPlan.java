package org.hallphone.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hallphone.call.CallEvent.Failure;
import org.hallphone.config.CallConfig;

/**
 * Which target to dial next: {@code call.targets} (or the after-hours targets) in order, the whole list
 * {@code call.cycles} times, skipping a target that asked to be left alone (503 Retry-After) while another one
 * can be tried. Confined to the call-flow thread.
 */
final class RoutingPlan {

    private final CallConfig config;
    private final Clock clock;
    private final Map<String, Instant> notBefore = new HashMap<>();
    private List<String> targets = List.of();
    private int slot;

    RoutingPlan(CallConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** True when office hours are configured and now is outside them, or today is a holiday. */
    boolean afterHours() {
        LocalDateTime now = LocalDateTime.now(clock);
        return config.holidays().contains(now.toLocalDate()) || !config.hours().isOpen(now);
    }

    /** Starts a new call: picks the list for the time of day and goes back to its first target. */
    void begin() {
        boolean after = afterHours() && !config.afterHoursTargets().isEmpty();
        targets = after ? config.afterHoursTargets() : config.targets();
        slot = 0;
        Instant now = clock.instant();
        notBefore.values().removeIf(until -> !until.isAfter(now));
    }

    /** Longest a target is left alone, whatever its Retry-After says (review F20). */
    static final Duration MAX_HOLD_OFF = Duration.ofHours(1);

    /** Leaves {@code target} alone for {@code delay} (RFC 3261 §20.33 Retry-After on a 503), at most an hour. */
    void holdOff(String target, Duration delay) {
        Duration capped = delay.compareTo(MAX_HOLD_OFF) > 0 ? MAX_HOLD_OFF : delay;
        notBefore.put(target, clock.instant().plus(capped));
    }

    Next next() {
        Instant now = clock.instant();
        int total = targets.size() * Math.max(1, config.cycles());
        Duration shortest = null;
        int shortestSlot = -1;
        while (slot < total) {
            String target = targets.get(slot % targets.size());
            Instant until = notBefore.get(target);
            slot++;
            if (until == null || !until.isAfter(now)) {
                return new Next.Dial(target);
            }
            Duration wait = Duration.between(now, until);
            if (shortest == null || wait.compareTo(shortest) < 0) {
                shortest = wait;
                shortestSlot = slot - 1;
            }
        }
        if (shortest != null) {
            slot = shortestSlot;
            notBefore.remove(targets.get(shortestSlot % targets.size()));
            return new Next.Wait(shortest);
        }
        return new Next.Exhausted();
    }

    /**
     * How a call ends when the plan is exhausted. The last attempt decides, like the row's {@code sip_status}: a
     * target that does not exist or refuses the terminal is a failure of the call plan, never busy
     * representatives (issue 9, item 12).
     *
     * @param last the last attempt's failure; null (none recorded) counts as the network's
     */
    static Ending ending(Failure last) {
        Failure kind = last == null ? Failure.NETWORK : last;
        Outcome outcome = switch (kind) {
            case BUSY, DECLINED -> Outcome.BUSY;
            case NO_ANSWER -> Outcome.NO_ANSWER;
            case SERVER, NETWORK, REFUSED, MEDIA -> Outcome.FAILED;
        };
        EndedBy endedBy = switch (kind) {
            case NO_ANSWER -> EndedBy.TIMEOUT;
            case NETWORK, MEDIA -> EndedBy.SYSTEM;
            default -> EndedBy.REMOTE;
        };
        return new Ending(outcome, endedBy);
    }

    /** The row's outcome and ended_by of a call whose plan is exhausted, and what the patient then hears. */
    record Ending(Outcome outcome, EndedBy endedBy) {
        Prompt prompt() {
            return outcome == Outcome.FAILED ? Prompt.OUT_OF_SERVICE : Prompt.ALL_BUSY;
        }
    }

    /** What to do next. */
    sealed interface Next {
        record Dial(String target) implements Next { }

        /** Every remaining target asked to wait: wait this long, then ask again. */
        record Wait(Duration delay) implements Next { }

        record Exhausted() implements Next { }
    }
}
