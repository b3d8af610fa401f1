package org.hallphone.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hallphone.call.CallControl;
import org.hallphone.call.CallFlow;
import org.hallphone.call.CallJournal;
import org.hallphone.call.ManualHook;
import org.hallphone.calllog.CallLog;
import org.hallphone.calllog.RatingLog;
import org.hallphone.config.KioskConfig;
import org.hallphone.demo.DemoContactCentre;
import org.hallphone.handset.HandsetDriver;
import org.hallphone.handset.Handsets;
import org.hallphone.media.AudioDevice;
import org.hallphone.media.CodecWarmUp;
import org.hallphone.media.MediaEngine;
import org.hallphone.ops.Alarms;
import org.hallphone.ops.HealthServer;
import org.hallphone.ops.Metrics;
import org.hallphone.ops.SyslogTcpAppender;
import org.hallphone.sip.SipPhone;
import org.hallphone.ui.ServiceGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything but the window, built and started in dependency order and stopped in reverse: call log, audio,
 * (demo contact centre), SIP, call flow, handset, health endpoint. {@code --headless} runs exactly this.
 */
final class Terminal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Terminal.class);

    private final KioskConfig config;
    private final Instant startedAt;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private CallLog callLog;
    private RatingLog ratings;
    private MediaEngine media;
    private SipPhone sip;
    private CallFlow flow;
    private HandsetDriver handset;
    private Metrics metrics;
    private HealthServer health;
    private ServiceGate serviceGate;

    private Terminal(KioskConfig config, Clock clock) {
        this.config = config;
        this.startedAt = clock.instant();
    }

    /**
     * Builds and starts the terminal. On failure everything already started is stopped again before the
     * exception leaves.
     *
     * @param demo also start the demo contact centre at the first call target's address
     */
    static Terminal start(KioskConfig config, boolean demo, Clock clock) throws IOException {
        return start(config, demo, clock, MediaEngine.openDevice(config.audio()));
    }

    /** As {@link #start(KioskConfig, boolean, Clock)} with a given audio device (tests, benchmarks). */
    static Terminal start(KioskConfig config, boolean demo, Clock clock, AudioDevice device) throws IOException {
        Terminal terminal = new Terminal(config, clock);
        try {
            terminal.startAll(demo, clock, device);
            return terminal;
        } catch (IOException | RuntimeException e) {
            terminal.close();
            throw e;
        }
    }

    private void startAll(boolean demo, Clock clock, AudioDevice device) throws IOException {
        String terminalId = config.terminal().id();
        metrics = new Metrics();
        metrics.setLocation(config.terminal().location());
        callLog = remember(CallLog.open(config.calllog(), clock.getZone(), clock,
                Version.buildDate().orElse(CallLog.EARLIEST_PLAUSIBLE)));
        callLog.observeWriteLatency(metrics.alarms()::onJournalWrite);
        metrics.alarms().watchJournal(() -> journalHealth(callLog.status()));
        ratings = new RatingLog(callLog.dir(), terminalId, clock.getZone(), clock);
        // The PIN gate's count and lock-out live in the state folder, so pulling the plug does not reset them.
        serviceGate = ServiceGate.persistent(config.calllog().dir(), clock);
        metrics.alarms().watchServicePin(() -> pinHealth(serviceGate.figures()));

        media = remember(new MediaEngine(config.audio(), config.sip().rtp().portMin(), config.sip().rtp().portMax(),
                device));
        media.setStatsListener(metrics::onMediaStats);
        metrics.setMediaClock(media::millisSinceClockTick, media::failedClockTicks);
        SyslogTcpAppender.discardedOf(CallLog.RECORDS_LOGGER).ifPresent(metrics::setRecordsDiscarded);
        media.setDeviceStatsListener(metrics::onDeviceStats);

        if (demo) {
            // --demo: the demo contact centre answers at the first call target (loopback in the demo configuration)
            remember(DemoContactCentre.answering(config.call().targets().get(0))).start();
        }

        // The SIP side and the flow need each other: the flow commands SIP, and SIP posts to the flow from start on.
        sip = remember(new SipPhone(config, media, Version.current()));
        CallJournal journal = metrics.observing(callLog);
        flow = remember(new CallFlow(config, sip, media, journal, clock));
        flow.subscribe(metrics::onSnapshot);
        AtomicBoolean alarm = new AtomicBoolean();
        flow.subscribe(snapshot -> {
            if (alarm.getAndSet(snapshot.leftOffhookAlarm()) != snapshot.leftOffhookAlarm()) {
                media.leftLiftedAlarm(snapshot.leftOffhookAlarm());
            }
        });
        sip.start(flow::post);

        handset = remember(Handsets.create(config.handset(), flow::post));
        handset.start();
        warmUp(clock);

        if (config.health().enabled()) {
            health = remember(new HealthServer(config.health().listen(), flow::snapshot, metrics, terminalId,
                    Version.current(), startedAt));
            log.info("health endpoint on {}", config.health().listen());
        }
        log.info("terminal {} ready (Hallphone {}, {})", terminalId, Version.current(),
                demo ? "demo" : config.source());
    }

    private static Alarms.Journal journalHealth(CallLog.Status s) {
        return new Alarms.Journal(s.ok(), s.problem(), s.unwrittenRows(), s.callsWithoutMarker(), s.writeErrors(),
                s.filesDeleted(), s.retentionRefused());
    }

    private static Alarms.ServicePin pinHealth(ServiceGate.Figures f) {
        return new Alarms.ServicePin(f.failuresInARow(), f.locked(), f.failuresTotal(), f.lockoutsTotal());
    }

    /**
     * A dry run of the call path (handset decoding, RTP packetising, SDP and INVITE building) so that the first
     * call after a start is as quick as the hundredth; nothing is sent. A few tens of milliseconds at start.
     */
    private void warmUp(Clock clock) {
        long started = System.nanoTime();
        try {
            // the call's id (SecureRandom seeds itself on first use) and the journal's ISO times with offset
            UUID.randomUUID();
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now(clock));
            Handsets.warmUp(config.handset());
            CodecWarmUp.run();
            sip.warmUp();
        } catch (RuntimeException e) {
            log.debug("warm-up: {}", e.toString());
        }
        log.debug("call path warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    private <T extends AutoCloseable> T remember(T component) {
        started.push(component);
        return component;
    }

    CallControl calls() {
        return flow;
    }

    /** The simulated handset of {@code --demo} and tests; empty for a serial handset. */
    Optional<ManualHook> manualHook() {
        return handset instanceof ManualHook hook ? Optional.of(hook) : Optional.empty();
    }

    HandsetDriver handset() {
        return handset;
    }

    KioskConfig config() {
        return config;
    }

    CallLog callLog() {
        return callLog;
    }

    /** The service screen's PIN gate, kept in the state folder. */
    ServiceGate serviceGate() {
        return serviceGate;
    }

    /** What {@code /health} and {@code /metrics} report. */
    Metrics metrics() {
        return metrics;
    }

    RatingLog ratings() {
        return ratings;
    }

    MediaEngine media() {
        return media;
    }

    SipPhone sip() {
        return sip;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Stops everything that was started, newest first; each failure is logged and the rest still stop. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
