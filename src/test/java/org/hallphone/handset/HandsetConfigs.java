package org.hallphone.handset;

import java.nio.file.Path;
import java.time.Duration;
import org.hallphone.config.HandsetConfig;
import org.hallphone.config.HandsetConfig.HandsetMode;
import org.hallphone.config.HandsetConfig.LineSignal;

/** Handset configurations for tests. */
final class HandsetConfigs {

    private HandsetConfigs() {
    }

    static HandsetConfig text(Path port, Duration debounce) {
        return new HandsetConfig(port.toString(), HandsetMode.TEXT, 9600, "OFFHOOK", "ONHOOK", LineSignal.DSR, true,
                debounce, Duration.ZERO, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    static HandsetConfig lines(Path port, LineSignal signal, boolean offhookHigh) {
        return new HandsetConfig(port.toString(), HandsetMode.LINES, 9600, "OFFHOOK", "ONHOOK", signal, offhookHigh,
                Duration.ofMillis(50), Duration.ZERO, Duration.ofSeconds(60), Duration.ofMillis(100));
    }
}
