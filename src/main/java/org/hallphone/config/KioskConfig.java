package org.hallphone.config;

import java.nio.file.Path;

/**
 * The whole configuration of one terminal, validated once at start and immutable afterwards.
 *
 * @param source the file it was read from (for messages), or a {@code classpath:} pseudo path for the demo
 */
public record KioskConfig(
        Path source,
        TerminalConfig terminal,
        HandsetConfig handset,
        SipConfig sip,
        CallConfig call,
        AudioConfig audio,
        CallLogConfig calllog,
        HealthConfig health,
        UiConfig ui) {
}
