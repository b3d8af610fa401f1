package org.hallphone.handset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Text mode, pure: the device prints a line on each change (and may repeat its state); a line equal to
 * {@code handset.text.offhook} or {@code handset.text.onhook} (after trimming white space, ignoring case) is a hook
 * reading, anything else is logged once by {@link UnknownLines} and ignored. Bytes become lines through
 * {@link LineDecoder}. The driver hands the readings to its debouncer. Confined to the driver's thread.
 */
final class TextMode {

    static final String OVERLONG = "<a line longer than " + LineDecoder.DEFAULT_MAX_LINE_BYTES
            + " bytes: noise, or a wrong handset.baud?>";

    private final String offhook;
    private final String onhook;
    private final LineDecoder lines = new LineDecoder();
    private final UnknownLines unknown;
    private final HandsetTap tap;

    /** Throws {@link IllegalArgumentException} unless the two words are different and not empty. */
    TextMode(String offhook, String onhook, UnknownLines unknown, HandsetTap tap) {
        this.offhook = normalise(offhook);
        this.onhook = normalise(onhook);
        if (this.offhook.isEmpty() || this.onhook.isEmpty() || this.offhook.equals(this.onhook)) {
            throw new IllegalArgumentException("handset.text.offhook and handset.text.onhook must be two different"
                    + " non-empty words, got '" + offhook + "' and '" + onhook + "'");
        }
        this.unknown = unknown;
        this.tap = tap;
    }

    /** The hook readings in the lines that {@code count} bytes of {@code data} complete, in order. */
    List<HookState> readings(byte[] data, int count) {
        long overlongBefore = lines.overlongLines();
        List<String> complete = lines.feed(data, 0, count);
        if (lines.overlongLines() != overlongBefore) {
            unknown.report(OVERLONG); // noise or a wrong handset.baud; logged like any unknown line
        }
        List<HookState> readings = new ArrayList<>(complete.size());
        for (String line : complete) {
            Optional<HookState> reading = decode(line);
            tap.rawLine(line, reading);
            reading.ifPresentOrElse(readings::add, () -> unknown.report(line));
        }
        return readings;
    }

    /** The reading one line means; empty for anything but the two words. */
    Optional<HookState> decode(String line) {
        String word = normalise(line);
        if (word.equals(offhook)) {
            return Optional.of(HookState.LIFTED);
        }
        if (word.equals(onhook)) {
            return Optional.of(HookState.RESTING);
        }
        return Optional.empty();
    }

    /** Forgets a partial line (the device was lost and reopened). */
    void reset() {
        lines.reset();
    }

    private static String normalise(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
