package org.hallphone.call;

/**
 * A hook switch moved by software: the simulated handset of {@code --demo}, driven by the screen's
 * "lift the handset" button or the space bar. The screen only sees this interface, never the handset package.
 */
public interface ManualHook {

    void setLifted(boolean lifted);
}
