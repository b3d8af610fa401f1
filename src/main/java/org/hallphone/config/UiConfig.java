package org.hallphone.config;

import java.nio.file.Path;
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
 * @param organisationEn  {@code ui.organisation-en}: the company's name on English screens; empty: the
 *                        Russian one
 * @param officeAddressEn {@code ui.office-address-en}: the office address on English screens; empty: the Russian
 * @param officeHoursEn   {@code ui.office-hours-en}: the office hours on English screens; empty: the Russian
 * @param hearingLoop     {@code ui.hearing-loop}: the terminal has an induction loop; the screen shows its sign
 * @param textRoute       {@code ui.text-route}: where someone who cannot use the phone can write (a chat or web
 *                        address, as printed); empty: not shown
 * @param textRouteQr     {@code ui.text-route-qr}: a PNG or JPEG image (a QR code of that address) shown beside
 *                        it; null: none
 * @param textsDir        {@code ui.texts-dir}: folder of per-language overrides of the screen's words
 *                        ({@code messages_ru.properties}, {@code messages_en.properties}); null: built-in only
 */
public record UiConfig(
        Locale language,
        String organisation,
        String hotline,
        String officeAddress,
        String officeHours,
        boolean hideCursor,
        Secret servicePinHash,
        boolean rating,
        String organisationEn,
        String officeAddressEn,
        String officeHoursEn,
        boolean hearingLoop,
        String textRoute,
        Path textRouteQr,
        Path textsDir) {

    /** The screen settings without English values, hearing loop, text route or text overrides. */
    public UiConfig(Locale language, String organisation, String hotline, String officeAddress, String officeHours,
            boolean hideCursor, Secret servicePinHash, boolean rating) {
        this(language, organisation, hotline, officeAddress, officeHours, hideCursor, servicePinHash, rating, "", "",
                "", false, "", null, null);
    }

    /** The company's name in {@code language}: the English value on English screens when there is one. */
    public String organisation(Locale language) {
        return english(language) && !organisationEn.isBlank() ? organisationEn : organisation;
    }

    /** The office address in {@code language}. */
    public String officeAddress(Locale language) {
        return english(language) && !officeAddressEn.isBlank() ? officeAddressEn : officeAddress;
    }

    /** The office hours in {@code language}. */
    public String officeHours(Locale language) {
        return english(language) && !officeHoursEn.isBlank() ? officeHoursEn : officeHours;
    }

    private static boolean english(Locale language) {
        return language != null && "en".equals(language.getLanguage());
    }
}
