package org.hallphone.call;

/**
 * What keeps the terminal out of service: the handset, the network and the registration, each with its
 * technical cause. When several are down the screen names one, by priority: a missing handset first (nothing
 * works without it), then the network, then the registration (the terminal still tries to call without it).
 * Mutable, confined to the call-flow thread.
 */
final class Faults {

    private boolean handsetConnected = true;
    private boolean networkUsable = true;
    private boolean registered = true;
    private String handsetCause = "";
    private String networkCause = "";
    private String registrationCause = "";

    void handsetLost(String cause) {
        handsetConnected = false;
        handsetCause = cause;
    }

    void handsetRestored() {
        handsetConnected = true;
        handsetCause = "";
    }

    void network(boolean usable, String cause) {
        networkUsable = usable;
        networkCause = usable ? "" : cause;
    }

    void registration(boolean nowRegistered, String cause) {
        registered = nowRegistered;
        registrationCause = nowRegistered ? "" : cause;
    }

    boolean handsetConnected() {
        return handsetConnected;
    }

    boolean networkUsable() {
        return networkUsable;
    }

    boolean registered() {
        return registered;
    }

    String networkCause() {
        return networkCause;
    }

    /** The fault the screen explains; null when in service. */
    Fault current() {
        if (!handsetConnected) {
            return Fault.HANDSET;
        }
        if (!networkUsable) {
            return Fault.NETWORK;
        }
        if (!registered) {
            return Fault.REGISTRATION;
        }
        return null;
    }

    /** The technical cause of {@link #current}; empty when in service. */
    String cause() {
        Fault fault = current();
        if (fault == null) {
            return "";
        }
        return switch (fault) {
            case HANDSET -> handsetCause;
            case NETWORK -> networkCause;
            case REGISTRATION -> registrationCause;
        };
    }
}
