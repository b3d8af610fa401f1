package org.hallphone.sip;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Collapses a log line that repeats: the first of a kind in a minute is logged, the rest are counted and reported
 * once as "... 412 more in the last minute", so a flood of junk cannot roll the logs over. Keys are a few fixed
 * strings (the kind of line), never network input. Thread-safe: the stack's reader threads use it.
 */
final class RepeatedLog {

    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Kinds kept at most; more would mean a key built from input, which must not grow the map. */
    private static final int MAX_KINDS = 64;

    private final Logger log;
    private final LongSupplier nanos;
    private final Map<String, Window> windows = new HashMap<>();

    private static final class Window {
        long startNanos;
        long suppressed;
    }

    RepeatedLog(Logger log) {
        this(log, System::nanoTime);
    }

    RepeatedLog(Logger log, LongSupplier nanos) {
        this.log = log;
        this.nanos = nanos;
    }

    /** Logs {@code format} at WARN unless a line of {@code kind} was already logged within the last minute. */
    void warn(String kind, String format, Object... args) {
        if (admit(kind)) {
            log.warn(format, args);
        }
    }

    /** Like {@link #warn} at INFO. */
    void info(String kind, String format, Object... args) {
        if (admit(kind)) {
            log.info(format, args);
        }
    }

    private boolean admit(String kind) {
        long now = nanos.getAsLong();
        long summary;
        synchronized (this) {
            Window w = windows.get(kind);
            if (w != null && now - w.startNanos < WINDOW_NANOS) {
                w.suppressed++;
                return false;
            }
            if (w == null) {
                if (windows.size() >= MAX_KINDS) {
                    windows.clear();
                }
                w = new Window();
                windows.put(kind, w);
            }
            summary = w.suppressed;
            w.suppressed = 0;
            w.startNanos = now;
        }
        if (summary > 0) {
            log.warn("{}: ... {} more in the last minute", kind, summary);
        }
        return true;
    }

    /** Reports the counts of windows that have closed (call about once a minute, so a flood's end is logged). */
    void flush() {
        long now = nanos.getAsLong();
        Map<String, Long> due = new HashMap<>();
        synchronized (this) {
            windows.entrySet().removeIf(e -> {
                Window w = e.getValue();
                if (now - w.startNanos < WINDOW_NANOS) {
                    return false;
                }
                if (w.suppressed > 0) {
                    due.put(e.getKey(), w.suppressed);
                }
                return true;
            });
        }
        due.forEach((kind, n) -> log.warn("{}: ... {} more in the last minute", kind, n));
    }
}
