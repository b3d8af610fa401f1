package org.hallphone.config;

/**
 * @param listen {@code health.listen}: host:port of the health/metrics endpoint; empty: off
 */
public record HealthConfig(String listen) {

    public boolean enabled() {
        return !listen.isEmpty();
    }
}
