package org.hallphone.sip;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per source address (as Kamailio's {@code pike} module does per IP): each request costs a token,
 * tokens come back at a steady rate up to a burst. Sources over their budget are dropped without an answer. The table
 * is bounded (least recently seen sources are forgotten), so forged random sources cannot grow it. Thread-safe.
 */
final class SourceLimiter {

    /** Requests a source may send at once. */
    static final double BURST = 10;
    /** Requests per second a source earns back. */
    static final double PER_SECOND = 2;
    /** Sources remembered at most. */
    static final int MAX_SOURCES = 4_096;

    private final LongSupplier nanos;
    private final Map<InetAddress, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    SourceLimiter() {
        this(System::nanoTime);
    }

    SourceLimiter(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Takes a token for {@code source}; false when it has none left (drop the request). */
    synchronized boolean allow(InetAddress source) {
        long now = nanos.getAsLong();
        double[] b = buckets.get(source); // [tokens, last refill in nanos]
        if (b == null) {
            b = new double[] {BURST, now};
            buckets.put(source, b);
        }
        double earned = (now - (long) b[1]) / (double) TimeUnit.SECONDS.toNanos(1) * PER_SECOND;
        b[0] = Math.min(BURST, b[0] + earned);
        b[1] = now;
        if (b[0] < 1) {
            return false;
        }
        b[0] -= 1;
        return true;
    }
}
