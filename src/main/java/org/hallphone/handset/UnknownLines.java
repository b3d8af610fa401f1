package org.hallphone.handset;

import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs lines a text-mode device sent that are neither the off-hook nor the on-hook word: each distinct line once
 * (the last {@value #REMEMBERED} are remembered), and at most {@value #PER_MINUTE} log lines a minute, so a noisy
 * device or a wrong baud rate cannot flood the log for months.
 */
final class UnknownLines {

    static final int REMEMBERED = 64;
    static final int PER_MINUTE = 10;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int SHOWN_CHARS = 40;
    private static final Logger LOG = LoggerFactory.getLogger(UnknownLines.class);

    private final String port;
    private final LongSupplier nanoClock;
    private final Set<String> seen = new LinkedHashSet<>();
    private long windowStart;
    private int loggedInWindow;
    private long suppressed;

    UnknownLines(String port, LongSupplier nanoClock) {
        this.port = port;
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** Logs {@code line} unless it was logged before or the minute's quota is spent; true when it was logged. */
    boolean report(String line) {
        String shown = printable(line);
        if (!seen.add(shown)) {
            return false;
        }
        if (seen.size() > REMEMBERED) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        long now = nanoClock.getAsLong();
        if (now - windowStart >= MINUTE_NANOS) {
            windowStart = now;
            loggedInWindow = 0;
        }
        if (loggedInWindow >= PER_MINUTE) {
            suppressed++;
            return false;
        }
        loggedInWindow++;
        String more = suppressed == 0 ? "" : " (" + suppressed + " other unknown lines not logged)";
        suppressed = 0;
        LOG.info("Handset {}: ignoring unknown line '{}'{}", port, shown, more);
        return true;
    }

    /** Control characters made visible and long lines cut, so the log stays one readable line. */
    static String printable(String line) {
        StringBuilder out = new StringBuilder();
        line.codePoints().limit(SHOWN_CHARS).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (line.codePointCount(0, line.length()) > SHOWN_CHARS) {
            out.append('…');
        }
        return out.toString();
    }
}
