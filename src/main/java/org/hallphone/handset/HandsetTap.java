package org.hallphone.handset;

import java.util.Optional;

/**
 * What the technician's monitor sees beside the events: raw input as it arrives, with the reading the driver takes
 * from it (before debouncing). All methods default to nothing.
 */
interface HandsetTap {

    HandsetTap NONE = new HandsetTap() { };

    /** A complete line from a text-mode device, and the hook reading it means (empty: unknown, ignored). */
    default void rawLine(String line, Optional<HookState> reading) {
    }

    /** Lines mode: the modem inputs changed (or were read for the first time after opening), and their reading. */
    default void lineState(ModemLines lines, HookState reading) {
    }

    /** The port was opened, lost or failed to open; plain words. */
    default void portStatus(String status) {
    }
}
