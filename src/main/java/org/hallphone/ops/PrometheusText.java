package org.hallphone.ops;

/**
 * Writes the Prometheus text exposition format 0.0.4: per metric family a {@code # HELP} and a {@code # TYPE}
 * line, then its samples {@code name{label="value"} number}, lines ending in LF. Label values escape backslash,
 * double quote and line feed; help text escapes backslash and line feed.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();

    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ')
                .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A family of one unlabelled gauge: a value that goes up and down. */
    PrometheusText gauge(String name, String help, double value) {
        return family(name, "gauge", help).sample(name, value);
    }

    /** A family of one unlabelled counter: a total since start that never decreases. */
    PrometheusText counter(String name, String help, double value) {
        return family(name, "counter", help).sample(name, value);
    }

    /** A histogram family: its help and type, then its buckets, sum and count. */
    PrometheusText histogram(String name, String help, Histogram histogram) {
        family(name, "histogram", help);
        histogram.write(this, name);
        return this;
    }

    PrometheusText sample(String name, double value) {
        out.append(name).append(' ').append(number(value)).append('\n');
        return this;
    }

    /** A sample with labels given as name, value, name, value, ... */
    PrometheusText sample(String name, double value, String... labels) {
        out.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
        }
        out.append("} ").append(number(value)).append('\n');
        return this;
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Whole numbers without a fraction ({@code 3}), others as Java writes doubles; +Inf, -Inf, NaN. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
