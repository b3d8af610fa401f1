package org.hallphone.ops;

import java.util.Locale;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;

/** The overall {@code status} of {@code GET /health}; only {@link #OUT_OF_SERVICE} answers HTTP 503. */
enum HealthStatus {
    /** In service and nothing needs attention. */
    OK,
    /**
     * Can place calls, but something needs a technician: not registered, handset missing, left lifted, call log
     * not written, a target that keeps refusing the terminal (call-plan alarm).
     */
    DEGRADED,
    /** Cannot place calls (or the call flow has not reported yet). */
    OUT_OF_SERVICE;

    static HealthStatus of(CallSnapshot snapshot, Alarms alarms) {
        HealthStatus status = of(snapshot);
        return status == OK && alarms.degraded() ? DEGRADED : status;
    }

    static HealthStatus of(CallSnapshot snapshot) {
        if (snapshot == null || snapshot.state() == CallState.OUT_OF_SERVICE) {
            return OUT_OF_SERVICE;
        }
        if (snapshot.fault() != null || !snapshot.registered() || !snapshot.handsetConnected()
                || snapshot.leftOffhookAlarm() || !snapshot.planAlarm().isEmpty()) {
            return DEGRADED;
        }
        return OK;
    }

    int httpStatus() {
        return this == OUT_OF_SERVICE ? 503 : 200;
    }

    String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
