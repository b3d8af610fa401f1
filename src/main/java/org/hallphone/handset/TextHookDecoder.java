package org.hallphone.handset;

import java.util.Locale;
import java.util.Optional;

/**
 * Maps a line from a text-mode device to a hook state: a line equal to {@code handset.text.offhook} or
 * {@code handset.text.onhook} (after trimming white space, ignoring case) is a state; anything else is unknown.
 */
final class TextHookDecoder {

    private final String offhook;
    private final String onhook;

    TextHookDecoder(String offhook, String onhook) {
        this.offhook = normalise(offhook);
        this.onhook = normalise(onhook);
        if (this.offhook.isEmpty() || this.onhook.isEmpty() || this.offhook.equals(this.onhook)) {
            throw new IllegalArgumentException("handset.text.offhook and handset.text.onhook must be two different"
                    + " non-empty words, got '" + offhook + "' and '" + onhook + "'");
        }
    }

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

    private static String normalise(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
