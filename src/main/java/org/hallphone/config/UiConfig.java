package org.hallphone.config;

import java.util.Locale;

/**
 * What the screen shows ({@code ui.*}).
 *
 * @param language        {@code ui.language}: {@code ru} (default) or {@code en}, the language after each call
 * @param organisation    {@code ui.organisation}: the insurance company's name
 * @param hotline         {@code ui.hotline}: the 24-hour hotline number, as printed
 * @param officeAddress   {@code ui.office-address}: where the representative's office is
 * @param officeHours     {@code ui.office-hours}: its hours, as printed
 * @param hideCursor      {@code ui.hide-cursor} (default true)
 * @param servicePinHash  {@code ui.service-pin-hash}: salted hash printed by {@code --hash-pin}; empty: service
 *                        screen closed
 * @param rating          {@code ui.rating}: ask "how did we help you?" after an answered call (default true)
 */
public record UiConfig(
        Locale language,
        String organisation,
        String hotline,
        String officeAddress,
        String officeHours,
        boolean hideCursor,
        Secret servicePinHash,
        boolean rating) {
}
