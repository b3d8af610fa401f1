package org.hallphone.handset;

/** What the technician's monitor sees beside the events: raw input as it arrives. All methods default to nothing. */
interface HandsetTap {

    HandsetTap NONE = new HandsetTap() { };

    /** A complete line from a text-mode device, before interpretation. */
    default void rawLine(String line) {
    }

    /** Lines mode: the modem inputs changed (or were read for the first time after opening). */
    default void lineState(ModemLines lines) {
    }

    /** The port was opened, lost or failed to open; plain words. */
    default void portStatus(String status) {
    }
}
