package org.hallphone.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.hallphone.call.CallControl;
import org.hallphone.call.ManualHook;
import org.hallphone.config.Secret;
import org.hallphone.config.UiConfig;

/** Test configurations and contexts for the kiosk window. */
final class Kiosks {

    static final String ORGANISATION = "СК «Забота»";
    static final String HOTLINE = "8-800-100-55-77";
    static final String OFFICE = "ул. Ленина, 12, каб. 104";
    static final String HOURS = "пн–пт 8:00–20:00, сб 9:00–15:00";
    static final String ORGANISATION_EN = "Zabota Insurance";
    static final String OFFICE_EN = "12 Lenina Street, room 104";
    static final String HOURS_EN = "Mon–Fri 8:00–20:00, Sat 9:00–15:00";
    static final String TEXT_ROUTE = "zabota.example/chat";
    static final String PIN = "246813";
    /** {@link #PIN} hashed once for all tests (hashing takes a moment). */
    static final String PIN_HASH = ServicePin.hash(PIN.toCharArray());
    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    private Kiosks() {
    }

    static UiConfig ui(Locale language) {
        return new UiConfig(language, ORGANISATION, HOTLINE, OFFICE, HOURS, true, new Secret(PIN_HASH), true,
                ORGANISATION_EN, OFFICE_EN, HOURS_EN, false, "", null, null);
    }

    /** Everything a screen can show: English values, the hearing-loop sign, a written route for the deaf. */
    static UiConfig uiFull(Locale language) {
        return new UiConfig(language, ORGANISATION, HOTLINE, OFFICE, HOURS, true, new Secret(PIN_HASH), true,
                ORGANISATION_EN, OFFICE_EN, HOURS_EN, true, TEXT_ROUTE, null, null);
    }

    /** Only the Russian values (a deployment that gave no English ones). */
    static UiConfig uiRussianOnly(Locale language) {
        return new UiConfig(language, ORGANISATION, HOTLINE, OFFICE, HOURS, true, new Secret(PIN_HASH), true);
    }

    static UiConfig uiWithoutOffice(Locale language) {
        return new UiConfig(language, ORGANISATION, HOTLINE, "", "", true, new Secret(PIN_HASH), true);
    }

    static KioskContext context(UiConfig ui, CallControl calls, FakeServiceDesk desk, Clock clock,
            Optional<ManualHook> hook) {
        return new KioskContext(ui, calls, hook, desk, desk, "0.1.0-test", START, hook.isPresent(), clock);
    }
}
