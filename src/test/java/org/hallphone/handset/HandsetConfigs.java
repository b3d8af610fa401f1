package org.hallphone.handset;

import java.nio.file.Path;
import java.time.Duration;
import org.hallphone.config.HandsetConfig;
import org.hallphone.config.HandsetConfig.HandsetMode;
import org.hallphone.config.HandsetConfig.LineSignal;

/** Handset configurations for tests: the documented defaults, changed by name with the {@code with…} copies. */
final class HandsetConfigs {

    private HandsetConfigs() {
    }

    /** The defaults of {@code handset.*} (kiosk-config/kiosk.properties): the simulated handset, text mode. */
    static HandsetConfig defaults() {
        return new HandsetConfig(HandsetConfig.SIMULATED, HandsetMode.TEXT, 9600, "OFFHOOK", "ONHOOK", LineSignal.DSR,
                true, Duration.ofMillis(50), Duration.ZERO, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    /** A text-mode device (OFFHOOK/ONHOOK at 9600 8N1) on {@code port}. */
    static HandsetConfig text(Path port, Duration debounce) {
        return defaults().withPort(port.toString()).withDebounce(debounce);
    }

    /** A hook switch on the modem input {@code signal} of {@code port}. */
    static HandsetConfig lines(Path port, LineSignal signal, boolean offhookHigh) {
        return defaults().withPort(port.toString()).withLines(signal, offhookHigh);
    }
}
