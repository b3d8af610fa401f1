package org.hallphone.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hallphone.call.CallControl;
import org.hallphone.call.ManualHook;
import org.hallphone.config.UiConfig;

/**
 * Everything the kiosk window needs from the rest of the terminal, handed over by the composition root.
 *
 * @param ui            the {@code ui.*} configuration: language, organisation, hotline, office, PIN hash
 * @param calls         the call flow, observed through snapshots and told about key presses
 * @param simulatedHook present in {@code --demo}: an on-screen button and the space bar lift and replace it
 * @param service       what the technician's service screen shows and does
 * @param ratings       where the patient's "how did we help you?" answers go
 * @param version       the program version, shown on the service screen
 * @param startedAt     when the program started (for the uptime on the service screen)
 * @param demo          shows a "demo" badge
 * @param clock         time source of the call timer, the rating time-out and the service screen's locks
 */
public record KioskContext(
        UiConfig ui,
        CallControl calls,
        Optional<ManualHook> simulatedHook,
        ServiceDesk service,
        RatingSink ratings,
        String version,
        Instant startedAt,
        boolean demo,
        Clock clock) {

    public KioskContext {
        Objects.requireNonNull(ui, "ui");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(simulatedHook, "simulatedHook");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(ratings, "ratings");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(clock, "clock");
    }
}
