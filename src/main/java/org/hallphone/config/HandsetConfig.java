package org.hallphone.config;

import java.time.Duration;

/**
 * Hook-switch configuration ({@code handset.*}).
 *
 * @param port              {@code handset.port}: serial device path (a stable {@code /dev/serial/by-id/...} name),
 *                          or {@link #SIMULATED}
 * @param mode              {@code handset.mode}
 * @param baud              {@code handset.baud}, text mode speed (default 9600, 8N1)
 * @param textOffhook       {@code handset.text.offhook}: the device's line meaning "lifted"
 * @param textOnhook        {@code handset.text.onhook}: the device's line meaning "resting"
 * @param linesSignal       {@code handset.lines.signal}: the modem input wired to the hook switch
 * @param offhookLevelHigh  {@code handset.lines.offhook-level}: true when a high level means lifted
 * @param debounce          {@code handset.debounce-ms}: a change counts only when stable this long
 * @param dialDelay         {@code handset.dial-delay-ms}: warm-line delay, 0 dials at once
 * @param leftOffhookAlarm  {@code handset.left-offhook-alarm-s}: alarm when left lifted after a call
 * @param poll              {@code handset.poll-ms}: period of the line-state poll and the port health check
 */
public record HandsetConfig(
        String port,
        HandsetMode mode,
        int baud,
        String textOffhook,
        String textOnhook,
        LineSignal linesSignal,
        boolean offhookLevelHigh,
        Duration debounce,
        Duration dialDelay,
        Duration leftOffhookAlarm,
        Duration poll) {

    /** The value of {@code handset.port} that selects the simulated handset. */
    public static final String SIMULATED = "simulated";

    public boolean simulated() {
        return SIMULATED.equals(port);
    }

    public enum HandsetMode { TEXT, LINES }

    public enum LineSignal { CTS, DSR, DCD, RI }
}
