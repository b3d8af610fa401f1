package org.hallphone.ops;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallSnapshot;

/** The JSON document of {@code GET /health}. */
final class HealthReport {

    private HealthReport() {
    }

    /**
     * @param snapshot the call flow's state; null before it has reported (then the terminal is "starting" and
     *                 out of service)
     */
    static String json(CallSnapshot snapshot, Metrics metrics, String terminalId, String version, Duration uptime) {
        JsonWriter json = new JsonWriter().beginObject();
        json.name("status").value(HealthStatus.of(snapshot, metrics.alarms()).json());
        json.name("terminal_id").value(terminalId);
        json.name("location").value(metrics.location());
        json.name("version").value(version);
        json.name("uptime_s").value(uptime.toSeconds());
        if (snapshot == null) {
            json.name("state").value("starting");
            return json.endObject().toString();
        }
        json.name("state").value(lower(snapshot.state()));
        json.name("since").value(snapshot.since() == null ? null
                : snapshot.since().truncatedTo(ChronoUnit.SECONDS).toString());
        json.name("registered").value(snapshot.registered());
        json.name("handset").beginObject()
                .name("connected").value(snapshot.handsetConnected())
                .name("lifted").value(snapshot.lifted())
                .name("left_offhook_alarm").value(snapshot.leftOffhookAlarm())
                .endObject();
        json.name("fault").value(lower(snapshot.fault()));
        json.name("fault_cause").value(snapshot.faultCause() == null ? "" : snapshot.faultCause());
        json.name("after_hours").value(snapshot.afterHours());
        json.name("call_plan_alarm").value(snapshot.planAlarm());
        metrics.mediaClockAgeMillis().ifPresent(ms -> json.name("media_clock_ms").value(ms)); // ~20; large: stuck
        // how the current (or last) call's voice travels: "srtp" encrypted, "rtp" plain, null before an answer
        json.name("media").value(snapshot.media() == null ? null : snapshot.media().csv());
        json.name("last_call");
        lastCall(json, snapshot, metrics.lastCall());
        metrics.alarms().json(json);
        return json.endObject().toString();
    }

    private static void lastCall(JsonWriter json, CallSnapshot snapshot, Optional<CallRecord> ended) {
        if (ended.isPresent()) {
            CallRecord call = ended.get();
            json.beginObject()
                    .name("call_id").value(call.callId())
                    .name("outcome").value(call.outcome() == null ? null : call.outcome().csv())
                    .name("ended_at").value(call.endedAt() == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME
                            .format(call.endedAt().truncatedTo(ChronoUnit.SECONDS)))
                    .name("media").value(call.media() == null ? null : call.media().csv())
                    .endObject();
        } else if (snapshot.lastOutcome() != null) {
            // Ended calls are not fed to the metrics: what the snapshot knows, without the end time.
            json.beginObject()
                    .name("call_id").value(snapshot.callId())
                    .name("outcome").value(snapshot.lastOutcome().csv())
                    .name("ended_at").nullValue()
                    .name("media").value(snapshot.media() == null ? null : snapshot.media().csv())
                    .endObject();
        } else {
            json.nullValue();
        }
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
