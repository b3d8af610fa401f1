package org.hallphone.ops;

import java.util.Arrays;

/** A Prometheus histogram: counts per upper bound (cumulative when written), sum and count. Thread-safe. */
final class Histogram {

    private final double[] bounds;
    private final long[] counts;
    private double sum;
    private long count;

    Histogram(double... bounds) {
        this.bounds = bounds.clone();
        Arrays.sort(this.bounds);
        this.counts = new long[bounds.length];
    }

    synchronized void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i]++;
                break;
            }
        }
        sum += value;
        count++;
    }

    /** Writes {@code name_bucket{le=...}} (cumulative, ending with +Inf), {@code name_sum} and {@code name_count}. */
    synchronized void write(PrometheusText text, String name) {
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += counts[i];
            text.sample(name + "_bucket", cumulative, "le", PrometheusText.number(bounds[i]));
        }
        text.sample(name + "_bucket", count, "le", "+Inf");
        text.sample(name + "_sum", sum);
        text.sample(name + "_count", count);
    }
}
