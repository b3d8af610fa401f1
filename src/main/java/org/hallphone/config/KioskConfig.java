package org.hallphone.config;

import java.nio.file.Path;

/**
 * The whole configuration of one terminal, validated once at start and immutable afterwards.
 *
 * @param source       the file it was read from (for messages), or a {@code classpath:} pseudo path for the demo
 * @param provisioning where central files come from; the values here already include them
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
        UiConfig ui,
        ProvisioningConfig provisioning) {

    /** A configuration without central provisioning. */
    public KioskConfig(Path source, TerminalConfig terminal, HandsetConfig handset, SipConfig sip, CallConfig call,
            AudioConfig audio, CallLogConfig calllog, HealthConfig health, UiConfig ui) {
        this(source, terminal, handset, sip, call, audio, calllog, health, ui, ProvisioningConfig.off());
    }

    /** This configuration with another {@code call.*} section. */
    public KioskConfig withCall(CallConfig other) {
        return new KioskConfig(source, terminal, handset, sip, other, audio, calllog, health, ui, provisioning);
    }

    /** This configuration with another {@code handset.*} section. */
    public KioskConfig withHandset(HandsetConfig other) {
        return new KioskConfig(source, terminal, other, sip, call, audio, calllog, health, ui, provisioning);
    }
}
