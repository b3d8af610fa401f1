package org.hallphone.config;

/** A password or PIN: its {@code toString} never shows the value, so it cannot leak into logs. */
public record Secret(String value) {

    public static final Secret NONE = new Secret("");

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "******";
    }
}
