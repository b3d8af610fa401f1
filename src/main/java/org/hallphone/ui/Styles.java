package org.hallphone.ui;

/** CSS class names of kiosk.css, in one place. */
final class Styles {

    static final String STYLESHEET = "kiosk.css";

    static final String KIOSK = "kiosk";
    static final String TOP_BAR = "top-bar";
    static final String ORGANISATION = "organisation";
    static final String FREE_CALL = "free-call";
    static final String DEMO_BADGE = "demo-badge";
    static final String LANGUAGE_BUTTON = "language-button";

    static final String PAGE = "page";
    static final String TEXTS = "texts";
    static final String HEADING = "heading";
    static final String HEADING_LARGE = "heading-large";
    static final String BODY = "body";
    static final String NOTE = "note";
    static final String EMPHASIS = "emphasis";
    static final String TIMER = "timer";
    /** A line that tells the patient what to do now; every screen has one (checked by the screen tests). */
    static final String NEXT_STEP = "next-step";
    static final String HOTLINE_NUMBER = "hotline-number";
    static final String WARNING_BAND = "warning-band";
    static final String SIGNS = "signs";
    static final String SPEAKING_SIGN = "speaking-sign";
    static final String VOLUME_SEGMENT = "volume-segment";
    static final String VOLUME_SEGMENT_ON = "volume-segment-on";
    static final String SCALE_LABEL = "scale-label";
    static final String INFO_PANEL = "info-panel";
    static final String RIGHTS_PANEL = "rights-panel";
    static final String RIGHTS_TITLE = "rights-title";
    static final String RIGHTS_TEXT = "rights-text";

    static final String PICTOGRAM = "pictogram";
    static final String PICTO_FILL = "picto-fill";
    static final String PICTO_LINE = "picto-line";
    static final String PICTO_PAPER = "picto-paper";
    static final String PICTO_PAPER_LINE = "picto-paper-line";
    static final String TONE_ATTENTION = "tone-attention";
    static final String TONE_FAULT = "tone-fault";
    static final String TONE_STAR = "tone-star";

    static final String ACTION_BUTTON = "action-button";
    static final String SECONDARY_BUTTON = "secondary-button";
    static final String KEY_BUTTON = "key-button";
    static final String STAR_BUTTON = "star-button";
    static final String HOOK_BAR = "hook-bar";

    static final String SERVICE = "service";
    static final String SERVICE_TITLE = "service-title";
    static final String SERVICE_RESULT = "service-result";
    static final String PIN_PAD = "pin-pad";
    static final String PIN_DISPLAY = "pin-display";
    static final String PIN_MESSAGE = "pin-message";

    private Styles() {
    }
}
