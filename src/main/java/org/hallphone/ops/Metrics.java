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
    private volatile LongSupplier mediaClockFailures;
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

    /** Where the terminal stands ({@code terminal.location}): a label of hallphone_info and a member of /health. */
    public void setLocation(String location) {
        this.location = Objects.requireNonNull(location, "location");
    }

    String location() {
        return location;
    }

    /**
     * The media clock's heartbeat: milliseconds since its last 20 ms step (a gauge, and a field of /health), and
     * the steps that failed since start (a counter).
     */
    public void setMediaClock(LongSupplier millisSinceLastTick, LongSupplier failedTicks) {
        this.mediaClockAgeMillis = Objects.requireNonNull(millisSinceLastTick, "millisSinceLastTick");
        this.mediaClockFailures = Objects.requireNonNull(failedTicks, "failedTicks");
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
        text.gauge("hallphone_uptime_seconds", "Seconds since the terminal software started.", uptime.toSeconds());
        stateGauges(text, snapshot);
        callFigures(text);
        rtpFigures(text);
        alarms.prometheus(text);
        farEndFigures(text);
        heartbeats(text);
        captureFigures(text);
        return text.toString();
    }

    /** The call flow's latest snapshot as 0/1 gauges; all 0 before the first snapshot. */
    private static void stateGauges(PrometheusText text, CallSnapshot snapshot) {
        boolean known = snapshot != null;
        text.gauge("hallphone_in_service", "1 when the terminal can place calls, 0 when out of service.",
                flag(known && snapshot.state() != CallState.OUT_OF_SERVICE));
        text.gauge("hallphone_sip_registered", "1 when registered with the PBX (or no registrar is configured).",
                flag(known && snapshot.registered()));
        text.gauge("hallphone_handset_connected", "1 when the handset's device is present.",
                flag(known && snapshot.handsetConnected()));
        text.gauge("hallphone_handset_lifted", "1 while the handset is off its hook.",
                flag(known && snapshot.lifted()));
        text.gauge("hallphone_handset_left_offhook_alarm", "1 while the handset has been left lifted after a call.",
                flag(known && snapshot.leftOffhookAlarm()));
        text.gauge("hallphone_call_plan_alarm",
                "1 while one call target has refused the terminal several calls in a row (see /health).",
                flag(known && !snapshot.planAlarm().isEmpty()));
    }

    private void callFigures(PrometheusText text) {
        text.family("hallphone_calls_total", "counter", "Calls ended since start, by outcome.");
        for (Outcome outcome : Outcome.values()) {
            text.sample("hallphone_calls_total", callsByOutcome.get(outcome.ordinal()), "outcome", outcome.csv());
        }
        text.histogram("hallphone_call_setup_seconds",
                "Seconds from lifting the handset to the answer, answered calls only.", setupSeconds);
    }

    /** The terminal's view of the far end's media, summed over all calls (jitter: the last call's). */
    private void rtpFigures(PrometheusText text) {
        text.counter("hallphone_rtp_packets_received_total", "RTP packets received in all calls.",
                rtpReceived.get());
        text.counter("hallphone_rtp_packets_lost_total",
                "RTP packets expected but never received in all calls (RFC 3550 A.3).", rtpLost.get());
        text.counter("hallphone_rtp_packets_late_total",
                "RTP packets that arrived too late for the jitter buffer in all calls.", rtpLate.get());
        text.counter("hallphone_rtp_packets_refused_total",
                "RTP and RTCP packets dropped by SRTP/SRTCP in all calls: failed authentication (tampered "
                        + "or forged), replayed, or malformed.", rtpRefused.get());
        text.gauge("hallphone_rtp_jitter_ms",
                "Interarrival jitter of the last call's media in milliseconds (RFC 3550 6.4.1).", lastJitterMillis);
    }

    /** Packets refused by strict RTP, and what the far end's RTCP said about the terminal's stream (last call). */
    private void farEndFigures(PrometheusText text) {
        text.counter("hallphone_rtp_foreign_packets_total",
                "RTP/RTCP packets dropped because they came from anyone but the far end (strict RTP).",
                rtpForeign.get());
        text.counter("hallphone_rtp_invalid_packets_total",
                "Packets from the far end's hosts that were not valid RTP/RTCP of a negotiated type.",
                rtpInvalid.get());
        RemoteReport remote = lastRemote;
        text.gauge("hallphone_rtcp_remote_reports",
                "RTCP report blocks about the terminal's stream the far end sent in the last call.",
                remote.reports());
        text.gauge("hallphone_rtcp_remote_fraction_lost",
                "Share of the terminal's packets lost, per the far end's last RTCP report of the last call.",
                remote.fractionLost());
        text.gauge("hallphone_rtcp_remote_packets_lost",
                "The terminal's packets the far end missed in the last call (RTCP cumulative loss).",
                remote.cumulativeLost());
        text.gauge("hallphone_rtcp_remote_jitter_ms",
                "Interarrival jitter of the terminal's stream at the far end, last call, in milliseconds.",
                remote.jitterMillis());
        text.gauge("hallphone_rtcp_round_trip_ms",
                "Round trip to the far end from RTCP (LSR/DLSR) in the last call, ms; NaN when unmeasured.",
                remote.roundTripMillis());
    }

    /** Figures of parts that may not be wired: the media clock, the syslog sender. */
    private void heartbeats(PrometheusText text) {
        LongSupplier clock = mediaClockAgeMillis;
        if (clock != null) {
            text.gauge("hallphone_media_clock_age_seconds",
                    "Seconds since the 20 ms media clock last stepped; above 1 the audio is stuck.",
                    clock.getAsLong() / 1000.0);
            text.counter("hallphone_media_clock_failures_total",
                    "20 ms media clock steps that failed with an error (the clock goes on; each is logged).",
                    mediaClockFailures.getAsLong());
        }
        LongSupplier discarded = recordsDiscarded;
        if (discarded != null) {
            text.counter("hallphone_records_discarded_total",
                    "Call records not sent to the centre's syslog because its queue was full.",
                    discarded.getAsLong());
        }
    }

    /** The sound device: microphone frames summed over all calls, level and delay of the last call. */
    private void captureFigures(PrometheusText text) {
        text.counter("hallphone_capture_frames_total", "20 ms microphone frames sent in all calls.",
                captureFrames.get());
        text.counter("hallphone_capture_gap_frames_total",
                "Microphone frames sent as silence because the sound device had not delivered in time.",
                captureGapFrames.get());
        text.counter("hallphone_capture_dropped_ms_total",
                "Milliseconds of microphone audio dropped on purpose (capture buffer full, or surplus delay).",
                captureDroppedMillis.get());
        text.gauge("hallphone_capture_level_dbfs",
                "RMS level of the microphone audio sent in the last call, dBFS (full-scale sine 0).",
                lastCaptureLevelDbfs);
        text.gauge("hallphone_capture_delay_ms", "Mean delay the capture buffer added in the last call, milliseconds.",
                lastCaptureDelayMillis);
        text.counter("hallphone_earpiece_dropped_frames_total",
                "Frames dropped on the way to the earpiece (its buffer full, or the device gone).",
                earpieceDroppedFrames.get());
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }
}
