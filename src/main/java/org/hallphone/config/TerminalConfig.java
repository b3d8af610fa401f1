package org.hallphone.config;

/**
 * @param id   {@code terminal.id}: stable id sent to central staff and written in the call log
 * @param name {@code terminal.name}: human name, the SIP display name
 */
public record TerminalConfig(String id, String name) {
}
