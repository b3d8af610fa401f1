package org.hallphone.handset;

/** What a hook switch reports: the handset is off its hook (lifted) or resting on it. */
enum HookState {
    LIFTED,
    RESTING;

    static HookState of(boolean lifted) {
        return lifted ? LIFTED : RESTING;
    }

    boolean lifted() {
        return this == LIFTED;
    }
}
