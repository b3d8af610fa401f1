package org.hallphone.config;

/**
 * @param id       {@code terminal.id}: stable id sent to central staff and written in the call log
 * @param name     {@code terminal.name}: human name, the SIP display name
 * @param location {@code terminal.location}: where the terminal stands (clinic, address, floor), sent in the
 *                 {@code X-Hallphone-Location} header and shown in {@code /health}; empty when not set
 */
public record TerminalConfig(String id, String name, String location) {

    /** A terminal whose location is not configured. */
    public TerminalConfig(String id, String name) {
        this(id, name, "");
    }
}
