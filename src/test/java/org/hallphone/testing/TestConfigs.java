package org.hallphone.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hallphone.config.AudioConfig;
import org.hallphone.config.CallConfig;
import org.hallphone.config.CallLogConfig;
import org.hallphone.config.HandsetConfig;
import org.hallphone.config.HealthConfig;
import org.hallphone.config.KioskConfig;
import org.hallphone.config.OfficeHours;
import org.hallphone.config.Secret;
import org.hallphone.config.SipConfig;
import org.hallphone.config.TerminalConfig;
import org.hallphone.config.UiConfig;

/** Configuration records built in code for unit tests, with the documented defaults. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static KioskConfig kiosk(Path calllogDir) {
        return new KioskConfig(Path.of("test.properties"),
                new TerminalConfig("test-terminal", "Тестовый терминал"),
                handset(Duration.ZERO),
                sip(0),
                call(List.of("sip:reps@127.0.0.1:5062")),
                audio(),
                new CallLogConfig(calllogDir, 0),
                new HealthConfig(""),
                ui());
    }

    public static HandsetConfig handset(Duration dialDelay) {
        return new HandsetConfig(HandsetConfig.SIMULATED, HandsetConfig.HandsetMode.TEXT, 9600, "OFFHOOK", "ONHOOK",
                HandsetConfig.LineSignal.DSR, true, Duration.ofMillis(50), dialDelay, Duration.ofSeconds(60),
                Duration.ofMillis(200));
    }

    public static SipConfig sip(int localPort) {
        return new SipConfig("127.0.0.1", localPort, SipConfig.Transport.UDP,
                new SipConfig.Account("", "", "test-terminal", "", "", Secret.NONE, "", Duration.ofSeconds(600), true),
                new SipConfig.KeepAlive(Duration.ofSeconds(25), SipConfig.KeepAliveMethod.CRLF),
                new SipConfig.Incoming(List.of(), 65535), SipConfig.Tls.NONE,
                new SipConfig.Rtp(16384, 16999, Duration.ofSeconds(30), null, List.of()));
    }

    public static CallConfig call(List<String> targets) {
        return new CallConfig(targets, Duration.ofSeconds(30), 2, Duration.ofSeconds(1200), Duration.ofSeconds(60),
                OfficeHours.ALWAYS, List.of(), List.of(), '\0', Duration.ofSeconds(10), 3);
    }

    public static AudioConfig audio() {
        return new AudioConfig("null-device", "null-device", 0, 0, 425,
                List.of(Duration.ofMillis(1000), Duration.ofMillis(4000)),
                List.of(Duration.ofMillis(350), Duration.ofMillis(350)), null, Duration.ofMillis(20),
                Duration.ofMillis(200));
    }

    public static UiConfig ui() {
        return new UiConfig(Locale.forLanguageTag("ru"), "Страховая компания «Пример»", "8-800-100-00-00",
                "Холл 1, окно 3", "пн–пт 08:00–20:00", true, Secret.NONE, true);
    }
}
