package org.hallphone.handset;

import java.io.IOException;

/**
 * Lines mode, pure: reads the modem inputs from a {@link LineStateSource} (on every jssc line event and on a steady
 * poll, since events alone miss changes on some adapters) and feeds the debouncer.
 */
final class LinesHookReader {

    private final LineStateSource source;
    private final LineHookDecoder decoder;
    private final Debouncer debouncer;
    private final HandsetTap tap;
    private ModemLines last;

    LinesHookReader(LineStateSource source, LineHookDecoder decoder, Debouncer debouncer, HandsetTap tap) {
        this.source = source;
        this.decoder = decoder;
        this.debouncer = debouncer;
        this.tap = tap;
    }

    /** Reads the current state without debouncing (at open: the state is what it is, not a change). */
    HookState readNow() throws IOException {
        ModemLines now = source.read();
        last = now;
        tap.lineState(now);
        return decoder.decode(now);
    }

    /** Reads once and feeds the reading to the debouncer. */
    void poll() throws IOException {
        ModemLines now = source.read();
        if (!now.equals(last)) {
            last = now;
            tap.lineState(now);
        }
        debouncer.input(decoder.decode(now));
    }
}
