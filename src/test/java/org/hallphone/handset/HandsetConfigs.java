package org.hallphone.handset;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.hallphone.config.HandsetConfig;
import org.hallphone.config.HandsetConfig.LineSignal;
import org.hallphone.testing.KioskProperties;

/** Handset configurations for tests: the handset keys of {@link KioskProperties#unit}, read by the real loader. */
final class HandsetConfigs {

    private HandsetConfigs() {
    }

    /** The documented defaults of {@code handset.*}: the simulated handset, polled every 100 ms, no dial delay. */
    static HandsetConfig defaults() {
        return handset("simulated").load().handset();
    }

    /** A text-mode device (OFFHOOK/ONHOOK at 9600 8N1) on {@code port}. */
    static HandsetConfig text(Path port, Duration debounce) {
        return handset(port).set("handset.mode", "text").set("handset.debounce-ms", debounce.toMillis()).load()
                .handset();
    }

    /** A hook switch on the modem input {@code signal} of {@code port}. */
    static HandsetConfig lines(Path port, LineSignal signal, boolean offhookHigh) {
        return handset(port).set("handset.mode", "lines")
                .set("handset.lines.signal", signal.name().toLowerCase(Locale.ROOT))
                .set("handset.lines.offhook-level", offhookHigh ? "high" : "low").load().handset();
    }

    /** The port, polled every 100 ms, no dial delay, the documented defaults otherwise. */
    private static KioskProperties handset(Object port) {
        return KioskProperties.unit(Path.of("unused")).set("handset.port", port).set("handset.poll-ms", 100)
                .set("handset.dial-delay-ms", 0);
    }
}
