package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hallphone.call.AudioDeviceStats;
import org.hallphone.call.CallJournal;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.MediaStats;
import org.hallphone.call.Outcome;
import org.hallphone.call.RemoteReport;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final Metrics metrics = new Metrics();

    private static CallRecord call(Outcome outcome, double setupSeconds) {
        OffsetDateTime start = OffsetDateTime.parse("2026-11-24T11:00:00+03:00");
        OffsetDateTime answer = setupSeconds < 0 ? null : start.plusNanos((long) (setupSeconds * 1e9));
        return new CallRecord(start, "t1", "c", Direction.OUT, outcome, answer, start.plusMinutes(3), "", 1, 200,
                EndedBy.PATIENT);
    }

    private List<String> lines(String prefix) {
        return metrics.prometheus(Snapshots.idle(), "t1", "0.1.0", Duration.ofSeconds(42)).lines()
                .filter(line -> line.startsWith(prefix)).collect(Collectors.toList());
    }

    @Test
    void everyFamilyHasHelpAndTypeBeforeItsSamples() {
        String text = metrics.prometheus(Snapshots.idle(), "t1", "0.1.0", Duration.ofSeconds(42));
        String previousFamily = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                previousFamily = line.split(" ")[2];
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                assertEquals(previousFamily, line.split(" ")[2], line);
                assertTrue(List.of("counter", "gauge", "histogram").contains(line.split(" ")[3]), line);
                continue;
            }
            assertTrue(line.matches("[a-z_]+(\\{.*})? [-+0-9.eEInfNa]+"), line);
            assertTrue(line.startsWith(previousFamily), line + " outside its family " + previousFamily);
        }
        assertTrue(text.endsWith("\n"));
        for (String family : List.of("hallphone_calls_total", "hallphone_sip_registered", "hallphone_handset_connected",
                "hallphone_handset_lifted", "hallphone_call_setup_seconds", "hallphone_rtp_packets_lost_total",
                "hallphone_rtp_packets_received_total", "hallphone_rtp_jitter_ms", "hallphone_uptime_seconds",
                "hallphone_info", "hallphone_handset_left_offhook_alarm")) {
            assertTrue(text.contains("# TYPE " + family + " "), family);
        }
    }

    @Test
    void callsAreCountedByOutcomeWithEveryOutcomePresent() {
        metrics.onCallEnded(call(Outcome.ANSWERED, 4));
        metrics.onCallEnded(call(Outcome.ANSWERED, 12));
        metrics.onCallEnded(call(Outcome.BUSY, -1));

        assertEquals(List.of(
                "hallphone_calls_total{outcome=\"answered\"} 2",
                "hallphone_calls_total{outcome=\"abandoned\"} 0",
                "hallphone_calls_total{outcome=\"busy\"} 1",
                "hallphone_calls_total{outcome=\"no_answer\"} 0",
                "hallphone_calls_total{outcome=\"failed\"} 0",
                "hallphone_calls_total{outcome=\"out_of_service\"} 0",
                "hallphone_calls_total{outcome=\"interrupted\"} 0"), lines("hallphone_calls_total"));
    }

    @Test
    void setUpTimeOfAnsweredCallsFillsACumulativeHistogram() {
        metrics.onCallEnded(call(Outcome.ANSWERED, 0.5));
        metrics.onCallEnded(call(Outcome.ANSWERED, 4.25));
        metrics.onCallEnded(call(Outcome.ANSWERED, 200));
        metrics.onCallEnded(call(Outcome.NO_ANSWER, -1));

        assertEquals(List.of(
                "hallphone_call_setup_seconds_bucket{le=\"1\"} 1",
                "hallphone_call_setup_seconds_bucket{le=\"2\"} 1",
                "hallphone_call_setup_seconds_bucket{le=\"3\"} 1",
                "hallphone_call_setup_seconds_bucket{le=\"5\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"10\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"15\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"20\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"30\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"45\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"60\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"90\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"120\"} 2",
                "hallphone_call_setup_seconds_bucket{le=\"+Inf\"} 3",
                "hallphone_call_setup_seconds_sum 204.75",
                "hallphone_call_setup_seconds_count 3"), lines("hallphone_call_setup_seconds"));
    }

    @Test
    void mediaFiguresAddUpAndJitterIsTheLastCalls() {
        metrics.onMediaStats(new MediaStats(1000, 990, 10, 2, 12.5));
        metrics.onMediaStats(new MediaStats(500, 502, -2, 0, 3, 20));

        assertEquals(List.of("hallphone_rtp_packets_received_total 1492"), lines("hallphone_rtp_packets_received"));
        assertEquals(List.of("hallphone_rtp_packets_lost_total 10"), lines("hallphone_rtp_packets_lost"));
        assertEquals(List.of("hallphone_rtp_packets_late_total 2"), lines("hallphone_rtp_packets_late"));
        assertEquals(List.of("hallphone_rtp_jitter_ms 3"), lines("hallphone_rtp_jitter_ms"));
        assertEquals(List.of("hallphone_rtp_packets_refused_total 20"), lines("hallphone_rtp_packets_refused"));
    }

    @Test
    void strictMediaCountsAddUpAndTheFarEndsRtcpIsTheLastCalls() {
        assertEquals(List.of("hallphone_rtcp_round_trip_ms NaN"), lines("hallphone_rtcp_round_trip_ms"));
        metrics.onMediaStats(new MediaStats(100, 100, 0, 0, 1, 40, 2, new RemoteReport(3, 0.25, 7, 12.5, 48)));
        metrics.onMediaStats(new MediaStats(100, 100, 0, 0, 1, 5, 0, new RemoteReport(2, 0.5, 9, 20, 31)));
        assertEquals(List.of("hallphone_rtp_foreign_packets_total 45"), lines("hallphone_rtp_foreign_packets"));
        assertEquals(List.of("hallphone_rtp_invalid_packets_total 2"), lines("hallphone_rtp_invalid_packets"));
        assertEquals(List.of("hallphone_rtcp_remote_fraction_lost 0.5"), lines("hallphone_rtcp_remote_fraction"));
        assertEquals(List.of("hallphone_rtcp_remote_packets_lost 9"), lines("hallphone_rtcp_remote_packets_lost"));
        assertEquals(List.of("hallphone_rtcp_remote_jitter_ms 20"), lines("hallphone_rtcp_remote_jitter_ms"));
        assertEquals(List.of("hallphone_rtcp_round_trip_ms 31"), lines("hallphone_rtcp_round_trip_ms"));
        assertEquals(List.of(), lines("hallphone_media_clock"), "no engine wired: no heartbeat");
        metrics.setMediaClock(() -> 1500, () -> 3);
        assertEquals(List.of("hallphone_media_clock_age_seconds 1.5", "hallphone_media_clock_failures_total 3"),
                lines("hallphone_media_clock"));
        assertTrue(HealthReport.json(Snapshots.idle(), metrics, "t1", "0.1.0", Duration.ZERO)
                .contains("\"media_clock_ms\":1500"), "the heartbeat in /health too");
    }

    @Test
    void captureFiguresAddUpAndLevelIsTheLastCalls() {
        // 500 frames with 10 gaps, 800 + 160 samples dropped; a -20 dBFS sine's energy per sample is (3277^2)/2
        double energy = 500 * 160 * (3276.8 * 3276.8 / 2);
        metrics.onDeviceStats(new AudioDeviceStats(500, 10, 2, 800, 160, 500 * 480, energy, 500, 3, 1));
        metrics.onDeviceStats(new AudioDeviceStats(500, 0, 0, 0, 0, 500 * 480, energy, 500, 0, 0));

        assertEquals(List.of("hallphone_capture_frames_total 1000"), lines("hallphone_capture_frames"));
        assertEquals(List.of("hallphone_capture_gap_frames_total 10"), lines("hallphone_capture_gap_frames"));
        assertEquals(List.of("hallphone_capture_dropped_ms_total 120"), lines("hallphone_capture_dropped_ms"));
        assertEquals(List.of("hallphone_capture_delay_ms 60"), lines("hallphone_capture_delay_ms"));
        assertEquals(List.of("hallphone_earpiece_dropped_frames_total 3"), lines("hallphone_earpiece_dropped"));
        String level = lines("hallphone_capture_level_dbfs").get(0);
        assertEquals(-20, Double.parseDouble(level.substring(level.indexOf(' ') + 1)), 0.01, level);
    }

    @Test
    void gaugesFollowTheSnapshot() {
        assertEquals(List.of("hallphone_sip_registered 1"), lines("hallphone_sip_registered"));
        String outOfService = metrics.prometheus(Snapshots.outOfService(), "t1", "0.1.0", Duration.ZERO);
        assertTrue(outOfService.contains("\nhallphone_in_service 0\n"));
        assertTrue(outOfService.contains("\nhallphone_handset_connected 0\n"));
        assertTrue(outOfService.contains("\nhallphone_handset_left_offhook_alarm 1\n"));
        String none = metrics.prometheus(null, "t1", "0.1.0", Duration.ZERO);
        assertTrue(none.contains("\nhallphone_in_service 0\n"));
        assertTrue(none.contains("\nhallphone_info{version=\"0.1.0\",terminal=\"t1\",location=\"\"} 1\n"));
        assertEquals(List.of("hallphone_call_plan_alarm 0"), lines("hallphone_call_plan_alarm"));
        CallSnapshot idle = Snapshots.idle();
        CallSnapshot alarmed = idle.toBuilder()
                .planAlarm("sip:reps@pbx.example refused 3 calls in a row (last: 404 Not Found)").build();
        assertTrue(metrics.prometheus(alarmed, "t1", "0.1.0", Duration.ZERO).contains("\nhallphone_call_plan_alarm 1\n"));
    }

    @Test
    void observingJournalWritesThroughThenCounts() {
        List<String> written = new ArrayList<>();
        CallJournal journal = metrics.observing(new CallJournal() {
            @Override
            public void callStarted(CallRecord started) {
                written.add("started");
            }

            @Override
            public void callEnded(CallRecord ended) {
                written.add("ended");
            }
        });
        CallRecord call = call(Outcome.ABANDONED, -1);

        journal.callStarted(call);
        journal.callEnded(call);

        assertEquals(List.of("started", "ended"), written);
        assertEquals(call, metrics.lastCall().orElseThrow());
        assertEquals(List.of("hallphone_calls_total{outcome=\"abandoned\"} 1"),
                lines("hallphone_calls_total{outcome=\"abandoned\"}"));
    }
}
