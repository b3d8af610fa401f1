package org.hallphone.ops;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.hallphone.call.AudioDeviceStats;
import org.hallphone.call.CallJournal;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.MediaStats;
import org.hallphone.call.Outcome;
import org.hallphone.call.RemoteReport;

/**
 * The figures behind {@code GET /metrics}, counted since the process started (Prometheus handles restarts of
 * counters). Fed by the call flow's snapshots ({@link #onSnapshot}, subscribe it to
 * {@code CallControl.subscribe}), by ended calls ({@link #onCallEnded}, or wrap the journal with
 * {@link #observing}) and by each media session's final figures ({@link #onMediaStats}). Thread-safe; every
 * method returns at once, so it may run on the call-flow thread.
 */
public final class Metrics {

    private volatile String location = "";

    /** Upper bounds of the call set-up histogram in seconds (lift to answer; ring time-out is 30 s per target). */
    static final double[] SETUP_BUCKETS_S = {1, 2, 3, 5, 10, 15, 20, 30, 45, 60, 90, 120};

    private final AtomicLongArray callsByOutcome = new AtomicLongArray(Outcome.values().length);
    private final Histogram setupSeconds = new Histogram(SETUP_BUCKETS_S);
    private final AtomicLong rtpReceived = new AtomicLong();
    private final AtomicLong rtpLost = new AtomicLong();
    private final AtomicLong rtpLate = new AtomicLong();
    private final AtomicLong rtpRefused = new AtomicLong();
    private volatile double lastJitterMillis;
    private final AtomicLong rtpForeign = new AtomicLong();
    private final AtomicLong rtpInvalid = new AtomicLong();
    private volatile RemoteReport lastRemote = RemoteReport.NONE;
    private volatile LongSupplier mediaClockAgeMillis;
    private volatile LongSupplier recordsDiscarded;
    private final AtomicLong captureFrames = new AtomicLong();
    private final AtomicLong captureGapFrames = new AtomicLong();
    private final AtomicLong captureDroppedMillis = new AtomicLong();
    private final AtomicLong earpieceDroppedFrames = new AtomicLong();
    private volatile double lastCaptureLevelDbfs = -120;
    private volatile double lastCaptureDelayMillis;
    private volatile CallSnapshot lastSnapshot;
    private volatile CallRecord lastCall;
    private final Alarms alarms = new Alarms();

    /** The call journal's and the service PIN's figures (connected by the composition root). */
    public Alarms alarms() {
        return alarms;
    }

    /** The latest state of the call flow. */
    public void onSnapshot(CallSnapshot snapshot) {
        lastSnapshot = Objects.requireNonNull(snapshot, "snapshot");
    }

    /** A call ended (its log row): counted by outcome; an answered call adds its lift-to-answer time. */
    public void onCallEnded(CallRecord call) {
        Objects.requireNonNull(call, "call");
        if (call.outcome() != null) {
            callsByOutcome.incrementAndGet(call.outcome().ordinal());
        }
        if (call.answeredAt() != null && call.startedAt() != null) {
            Duration setup = Duration.between(call.startedAt(), call.answeredAt());
            if (!setup.isNegative()) {
                setupSeconds.observe(setup.toMillis() / 1000.0);
            }
        }
        lastCall = call;
    }

    /**
     * A media session's final figures, reported once when the session closes (they are added to the totals;
     * its jitter becomes the "last call" gauge).
     */
    public void onMediaStats(MediaStats stats) {
        Objects.requireNonNull(stats, "stats");
        rtpReceived.addAndGet(Math.max(0, stats.packetsReceived()));
        // RFC 3550 A.3: the cumulative loss may be negative when duplicates arrive; a counter never decreases.
        rtpLost.addAndGet(Math.max(0, stats.packetsLost()));
        rtpLate.addAndGet(Math.max(0, stats.packetsLate()));
        rtpRefused.addAndGet(Math.max(0, stats.packetsRefused()));
        lastJitterMillis = stats.jitterMillis();
        rtpForeign.addAndGet(Math.max(0, stats.packetsForeign()));
        rtpInvalid.addAndGet(Math.max(0, stats.packetsInvalid()));
        lastRemote = stats.remote();
    }

    /** The media clock's heartbeat: milliseconds since its last 20 ms step (a gauge, and a field of /health). */
    /** Where the terminal stands ({@code terminal.location}): a label of hallphone_info and a member of /health. */
    public void setLocation(String location) {
        this.location = Objects.requireNonNull(location, "location");
    }

    String location() {
        return location;
    }

    public void setMediaClock(LongSupplier millisSinceLastTick) {
        this.mediaClockAgeMillis = millisSinceLastTick;
    }

    /** Call records the syslog sender discarded (its queue was full); set only when a sender is configured. */
    public void setRecordsDiscarded(LongSupplier discarded) {
        this.recordsDiscarded = discarded;
    }

    /** Milliseconds since the media clock last stepped; empty when no engine is wired. */
    OptionalLong mediaClockAgeMillis() {
        LongSupplier clock = mediaClockAgeMillis;
        return clock == null ? OptionalLong.empty() : OptionalLong.of(clock.getAsLong());
    }

    /** The sound device's figures over one call, reported when its media session closes. */
    public void onDeviceStats(AudioDeviceStats stats) {
        Objects.requireNonNull(stats, "stats");
        captureFrames.addAndGet(Math.max(0, stats.captureFrames()));
        captureGapFrames.addAndGet(Math.max(0, stats.captureGapFrames()));
        captureDroppedMillis.addAndGet(Math.max(0, stats.captureDroppedMillis()));
        earpieceDroppedFrames.addAndGet(Math.max(0, stats.earpieceDroppedFrames()));
        lastCaptureLevelDbfs = stats.captureLevelDbfs();
        lastCaptureDelayMillis = stats.captureDelayMillis();
    }

    /** A journal that writes through {@code journal} and then counts the ended call here. */
    public CallJournal observing(CallJournal journal) {
        Objects.requireNonNull(journal, "journal");
        return new CallJournal() {
            @Override
            public void callStarted(CallRecord started) {
                journal.callStarted(started);
            }

            @Override
            public void callAnswered(CallRecord answered) {
                journal.callAnswered(answered);
            }

            @Override
            public void callEnded(CallRecord ended) {
                journal.callEnded(ended);
                onCallEnded(ended);
            }
        };
    }

    /** The last call that ended since start. */
    public Optional<CallRecord> lastCall() {
        return Optional.ofNullable(lastCall);
    }

    /** The last snapshot received; empty before the first. */
    public Optional<CallSnapshot> lastSnapshot() {
        return Optional.ofNullable(lastSnapshot);
    }

    /** The Prometheus text of all metrics; gauges of the terminal's state come from {@code snapshot} (nullable). */
    String prometheus(CallSnapshot snapshot, String terminalId, String version, Duration uptime) {
        PrometheusText text = new PrometheusText();
        text.family("hallphone_info", "gauge", "Terminal id and software version; always 1.")
                .sample("hallphone_info", 1, "version", version, "terminal", terminalId, "location", location);
        text.family("hallphone_uptime_seconds", "gauge", "Seconds since the terminal software started.")
                .sample("hallphone_uptime_seconds", uptime.toSeconds());
        text.family("hallphone_in_service", "gauge", "1 when the terminal can place calls, 0 when out of service.")
                .sample("hallphone_in_service", flag(snapshot != null && snapshot.state() != CallState.OUT_OF_SERVICE));
        text.family("hallphone_sip_registered", "gauge",
                        "1 when registered with the PBX (or no registrar is configured).")
                .sample("hallphone_sip_registered", flag(snapshot != null && snapshot.registered()));
        text.family("hallphone_handset_connected", "gauge", "1 when the handset's device is present.")
                .sample("hallphone_handset_connected", flag(snapshot != null && snapshot.handsetConnected()));
        text.family("hallphone_handset_lifted", "gauge", "1 while the handset is off its hook.")
                .sample("hallphone_handset_lifted", flag(snapshot != null && snapshot.lifted()));
        text.family("hallphone_handset_left_offhook_alarm", "gauge",
                        "1 while the handset has been left lifted after a call.")
                .sample("hallphone_handset_left_offhook_alarm", flag(snapshot != null && snapshot.leftOffhookAlarm()));
        text.family("hallphone_call_plan_alarm", "gauge",
                        "1 while one call target has refused the terminal several calls in a row (see /health).")
                .sample("hallphone_call_plan_alarm", flag(snapshot != null && !snapshot.planAlarm().isEmpty()));
        text.family("hallphone_calls_total", "counter", "Calls ended since start, by outcome.");
        for (Outcome outcome : Outcome.values()) {
            text.sample("hallphone_calls_total", callsByOutcome.get(outcome.ordinal()), "outcome", outcome.csv());
        }
        text.family("hallphone_call_setup_seconds", "histogram",
                "Seconds from lifting the handset to the answer, answered calls only.");
        setupSeconds.write(text, "hallphone_call_setup_seconds");
        text.family("hallphone_rtp_packets_received_total", "counter", "RTP packets received in all calls.")
                .sample("hallphone_rtp_packets_received_total", rtpReceived.get());
        text.family("hallphone_rtp_packets_lost_total", "counter",
                        "RTP packets expected but never received in all calls (RFC 3550 A.3).")
                .sample("hallphone_rtp_packets_lost_total", rtpLost.get());
        text.family("hallphone_rtp_packets_late_total", "counter",
                        "RTP packets that arrived too late for the jitter buffer in all calls.")
                .sample("hallphone_rtp_packets_late_total", rtpLate.get());
        text.family("hallphone_rtp_packets_refused_total", "counter",
                        "RTP and RTCP packets dropped by SRTP/SRTCP in all calls: failed authentication (tampered "
                        + "or forged), replayed, or malformed.")
                .sample("hallphone_rtp_packets_refused_total", rtpRefused.get());
        text.family("hallphone_rtp_jitter_ms", "gauge",
                        "Interarrival jitter of the last call's media in milliseconds (RFC 3550 6.4.1).")
                .sample("hallphone_rtp_jitter_ms", lastJitterMillis);
        alarms.prometheus(text);
        text.family("hallphone_rtp_foreign_packets_total", "counter",
                        "RTP/RTCP packets dropped because they came from anyone but the far end (strict RTP).")
                .sample("hallphone_rtp_foreign_packets_total", rtpForeign.get());
        text.family("hallphone_rtp_invalid_packets_total", "counter",
                        "Packets from the far end's hosts that were not valid RTP/RTCP of a negotiated type.")
                .sample("hallphone_rtp_invalid_packets_total", rtpInvalid.get());
        RemoteReport remote = lastRemote;
        text.family("hallphone_rtcp_remote_reports", "gauge",
                        "RTCP report blocks about the terminal's stream the far end sent in the last call.")
                .sample("hallphone_rtcp_remote_reports", remote.reports());
        text.family("hallphone_rtcp_remote_fraction_lost", "gauge",
                        "Share of the terminal's packets lost, per the far end's last RTCP report of the last call.")
                .sample("hallphone_rtcp_remote_fraction_lost", remote.fractionLost());
        text.family("hallphone_rtcp_remote_packets_lost", "gauge",
                        "The terminal's packets the far end missed in the last call (RTCP cumulative loss).")
                .sample("hallphone_rtcp_remote_packets_lost", remote.cumulativeLost());
        text.family("hallphone_rtcp_remote_jitter_ms", "gauge",
                        "Interarrival jitter of the terminal's stream at the far end, last call, in milliseconds.")
                .sample("hallphone_rtcp_remote_jitter_ms", remote.jitterMillis());
        text.family("hallphone_rtcp_round_trip_ms", "gauge",
                        "Round trip to the far end from RTCP (LSR/DLSR) in the last call, ms; NaN when unmeasured.")
                .sample("hallphone_rtcp_round_trip_ms", remote.roundTripMillis());
        LongSupplier clock = mediaClockAgeMillis;
        if (clock != null) {
            text.family("hallphone_media_clock_age_seconds", "gauge",
                            "Seconds since the 20 ms media clock last stepped; above 1 the audio is stuck.")
                    .sample("hallphone_media_clock_age_seconds", clock.getAsLong() / 1000.0);
        }
        LongSupplier discarded = recordsDiscarded;
        if (discarded != null) {
            text.family("hallphone_records_discarded_total", "counter",
                            "Call records not sent to the centre's syslog because its queue was full.")
                    .sample("hallphone_records_discarded_total", discarded.getAsLong());
        }
        text.family("hallphone_capture_frames_total", "counter", "20 ms microphone frames sent in all calls.")
                .sample("hallphone_capture_frames_total", captureFrames.get());
        text.family("hallphone_capture_gap_frames_total", "counter",
                        "Microphone frames sent as silence because the sound device had not delivered in time.")
                .sample("hallphone_capture_gap_frames_total", captureGapFrames.get());
        text.family("hallphone_capture_dropped_ms_total", "counter",
                        "Milliseconds of microphone audio dropped on purpose (capture buffer full, or surplus delay).")
                .sample("hallphone_capture_dropped_ms_total", captureDroppedMillis.get());
        text.family("hallphone_capture_level_dbfs", "gauge",
                        "RMS level of the microphone audio sent in the last call, dBFS (full-scale sine 0).")
                .sample("hallphone_capture_level_dbfs", lastCaptureLevelDbfs);
        text.family("hallphone_capture_delay_ms", "gauge",
                        "Mean delay the capture buffer added in the last call, milliseconds.")
                .sample("hallphone_capture_delay_ms", lastCaptureDelayMillis);
        text.family("hallphone_earpiece_dropped_frames_total", "counter",
                        "Frames dropped on the way to the earpiece (its buffer full, or the device gone).")
                .sample("hallphone_earpiece_dropped_frames_total", earpieceDroppedFrames.get());
        return text.toString();
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }
}
