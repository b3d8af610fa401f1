package org.hallphone.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hallphone.config.CallConfig;
import org.hallphone.config.HandsetConfig;
import org.hallphone.config.KioskConfig;

/**
 * Parts of {@link KioskProperties#unit} for unit tests that want one record, read by the real loader. Kept for
 * the tests that used it before {@link KioskProperties}; new tests use {@link KioskProperties} directly.
 */
public final class TestConfigs {

    private static final Path UNUSED = Path.of("unused");

    private TestConfigs() {
    }

    public static KioskConfig kiosk(Path calllogDir) {
        return KioskProperties.unit(calllogDir).load();
    }

    public static HandsetConfig handset(Duration dialDelay) {
        return KioskProperties.unit(UNUSED).set("handset.dial-delay-ms", dialDelay.toMillis()).load().handset();
    }

    public static CallConfig call(List<String> targets) {
        return KioskProperties.unit(UNUSED).set("call.targets", String.join(",", targets)).load().call();
    }
}
