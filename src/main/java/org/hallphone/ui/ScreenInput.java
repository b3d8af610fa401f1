package org.hallphone.ui;

import org.hallphone.call.CallSnapshot;
import org.hallphone.config.UiConfig;

/**
 * What a patient screen is built from.
 *
 * @param snapshot  the call flow's latest snapshot
 * @param texts     the words in the patient's language
 * @param ui        organisation, hotline and office from the configuration
 * @param portrait  the window is taller than wide
 * @param fontPx    the body text size in pixels (pictograms and keys scale with it)
 * @param model     the view model, for the buttons' commands
 */
record ScreenInput(CallSnapshot snapshot, Texts texts, UiConfig ui, boolean portrait, double fontPx,
        CallViewModel model) {
}
