package org.hallphone.config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Routing plan ({@code call.*}).
 *
 * @param targets            {@code call.targets}: SIP URIs tried in turn
 * @param ringTimeout        {@code call.ring-timeout-s}: per attempt (default 30 s)
 * @param cycles             {@code call.cycles}: how many times the whole list is tried (default 2)
 * @param maxDuration        {@code call.max-duration-s} (default 1200 s)
 * @param maxDurationWarning {@code call.max-duration-warning-s}: warning tone this long before the end (60 s)
 * @param hours              {@code call.hours}: office hours, e.g. {@code mon-fri 08:00-20:00; sat 09:00-15:00};
 *                           empty: always office hours
 * @param afterHoursTargets  {@code call.after-hours-targets}: targets outside office hours; empty: {@link #targets}
 * @param holidays           {@code call.holidays}: dates (yyyy-MM-dd) treated as out of hours
 * @param confirmAnswerDigit {@code call.confirm-answer=dtmf:D}: the digit that confirms a human answer;
 *                           {@code '\0'} when answers need no confirmation
 * @param confirmGrace       {@code call.confirm-grace-s}: how long to wait for the confirming digit (10 s)
 * @param maxRedirects       {@code call.max-redirects}: 3xx responses followed per attempt (default 3)
 * @param redirectDomains    {@code call.redirect-domains}: hosts/domains a 3xx may send the call to; empty: the
 *                           domains of the targets, registrar, proxy and sip.domain
 */
public record CallConfig(
        List<String> targets,
        Duration ringTimeout,
        int cycles,
        Duration maxDuration,
        Duration maxDurationWarning,
        OfficeHours hours,
        List<String> afterHoursTargets,
        List<LocalDate> holidays,
        char confirmAnswerDigit,
        Duration confirmGrace,
        int maxRedirects,
        List<String> redirectDomains) {

    public CallConfig {
        targets = List.copyOf(targets);
        redirectDomains = redirectDomains == null ? List.of() : List.copyOf(redirectDomains);
        afterHoursTargets = List.copyOf(afterHoursTargets);
        holidays = List.copyOf(holidays);
    }

    /** Without {@code call.redirect-domains}. */
    public CallConfig(List<String> targets, Duration ringTimeout, int cycles, Duration maxDuration,
                      Duration maxDurationWarning, OfficeHours hours, List<String> afterHoursTargets,
                      List<LocalDate> holidays, char confirmAnswerDigit, Duration confirmGrace, int maxRedirects) {
        this(targets, ringTimeout, cycles, maxDuration, maxDurationWarning, hours, afterHoursTargets, holidays,
                confirmAnswerDigit, confirmGrace, maxRedirects, List.of());
    }

    public boolean confirmsAnswer() {
        return confirmAnswerDigit != '\0';
    }
}
