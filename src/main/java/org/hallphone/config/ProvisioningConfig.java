package org.hallphone.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Central provisioning: the terminal fetches {@code common.properties} and {@code <terminal.id>.properties} from
 * {@code url} and lays them over its local file (local &lt; common &lt; own, except the keys the local file pins).
 *
 * @param url                {@code provisioning.url}, a folder ending in {@code /}; null: provisioning is off
 * @param interval           {@code provisioning.interval-s}: the mean time between fetches (each is spread randomly)
 * @param cacheDir           {@code provisioning.cache-dir}: the last good copies, used when the server is away
 * @param pinned             {@code provisioning.pin}: keys whose local value central files cannot change
 * @param caFile             {@code provisioning.ca-file}: PEM certificates trusted for HTTPS instead of the system's;
 *                           null: the JDK's trust store
 * @param clientCert         {@code provisioning.client-cert}: a PKCS#12 file with the terminal's TLS client key; null: none
 * @param clientCertPassword {@code provisioning.client-cert-password}
 */
public record ProvisioningConfig(URI url, Duration interval, Path cacheDir, List<String> pinned, Path caFile,
                                 Path clientCert, Secret clientCertPassword) {

    /** Provisioning off (configurations built in code, tests). */
    public static ProvisioningConfig off() {
        return new ProvisioningConfig(null, Duration.ofHours(1), Path.of(ConfigDefaults.PROVISIONING_CACHE_DIR),
                List.of(), null, null, Secret.NONE);
    }

    public boolean enabled() {
        return url != null;
    }
}
