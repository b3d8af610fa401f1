package org.hallphone.handset;

import java.util.List;

/** Text mode, pure: bytes from the port become lines, lines become raw hook readings for the debouncer. */
final class TextHookReader {

    static final String OVERLONG = "<a line longer than " + LineDecoder.DEFAULT_MAX_LINE_BYTES
            + " bytes: noise, or a wrong handset.baud?>";

    private final LineDecoder lines;
    private final TextHookDecoder words;
    private final Debouncer debouncer;
    private final UnknownLines unknown;
    private final HandsetTap tap;

    TextHookReader(LineDecoder lines, TextHookDecoder words, Debouncer debouncer, UnknownLines unknown,
            HandsetTap tap) {
        this.lines = lines;
        this.words = words;
        this.debouncer = debouncer;
        this.unknown = unknown;
        this.tap = tap;
    }

    void accept(byte[] data, int count) {
        long overlongBefore = lines.overlongLines();
        List<String> complete = lines.feed(data, 0, count);
        if (lines.overlongLines() != overlongBefore) {
            unknown.report(OVERLONG); // noise or a wrong handset.baud; logged like any unknown line
        }
        for (String line : complete) {
            tap.rawLine(line);
            words.decode(line).ifPresentOrElse(debouncer::input, () -> unknown.report(line));
        }
    }

    void reset() {
        lines.reset();
    }
}
