package org.hallphone.ui;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Outcome;

/**
 * What the technician's service screen reads and does, implemented by the composition root over the call log,
 * the SIP and audio adapters and the configuration loader. Every method may block: the screen calls them on its
 * own worker thread, never on the FX thread.
 */
public interface ServiceDesk {

    /** Live diagnostics, in the technician's words. */
    ServiceStatus status();

    /** The last {@code limit} calls of the call log, newest first. */
    List<CallRecord> recentCalls(int limit);

    /** Today's calls by outcome (outcomes with no calls may be absent). */
    Map<Outcome, Integer> todayCounts();

    /** All ratings stored so far. */
    RatingSummary ratings();

    /** Plays a test sound and listens for it; returns what happened in one or two lines. */
    String runAudioSelfTest();

    /** Reads the configuration file again; returns "ok" or the error naming the file, line and key. */
    String reloadConfiguration();

    /** Closes the kiosk for maintenance (the composition root stops the program or hides the window). */
    void leaveKiosk();

    /**
     * The PIN gate whose wrong-PIN count and lock-out survive restarts (kept in the state folder); empty: the
     * screen keeps a gate in memory.
     */
    default Optional<ServiceGate> serviceGate() {
        return Optional.empty();
    }

    /**
     * Status lines of the service screen.
     *
     * @param handset       the handset driver: port, mode, connected or not
     * @param registration  SIP registration: registrar and state
     * @param lastError     the last SIP or network error, empty when none
     * @param addresses     the terminal's local addresses (and SIP contact)
     * @param audioDevices  the audio devices in use
     */
    record ServiceStatus(String handset, String registration, String lastError, List<String> addresses,
            List<String> audioDevices) {

        public ServiceStatus {
            addresses = List.copyOf(addresses);
            audioDevices = List.copyOf(audioDevices);
        }
    }

    /** How many ratings there are and their mean (0 when none). */
    record RatingSummary(int count, double average) {
    }
}
