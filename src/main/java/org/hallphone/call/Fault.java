package org.hallphone.call;

/** Why the terminal is out of service, in categories the screen can explain in plain words. */
public enum Fault {
    /** The handset's serial port is gone or does not answer. */
    HANDSET,
    /** Registration with the PBX failed or expired (the terminal still tries to call when lifted). */
    REGISTRATION,
    /** The SIP stack or the network is unusable. */
    NETWORK
}
