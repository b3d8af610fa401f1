package org.hallphone.ops;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The parts of the terminal that are not call state but still need a technician: the call journal (rows that
 * cannot be written, the journal's write latency, retention refused because of a wrong clock) and the service
 * screen's PIN (wrong PINs, lock-outs). The composition root connects them ({@link #watchJournal},
 * {@link #watchServicePin}); {@code /health} turns {@code degraded} while the journal is not healthy and
 * {@code /metrics} exports the figures. Thread-safe.
 */
public final class Alarms {

    /** Upper bounds of the journal write-latency histogram in seconds (an SD card's fsync can take seconds). */
    static final double[] JOURNAL_BUCKETS_S = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    /**
     * The call journal's health.
     *
     * @param ok                 everything handed to the journal is on disk
     * @param problem            what is wrong (empty when ok)
     * @param unwrittenRows      ended calls whose row is not on disk yet (kept in memory and in the system log)
     * @param callsWithoutMarker calls under way without their crash-protection marker
     * @param writeErrors        failed writes since start
     * @param filesDeleted       day files deleted by retention since start
     * @param retentionRefused   retention runs refused since start because the clock looked wrong
     */
    public record Journal(boolean ok, String problem, int unwrittenRows, int callsWithoutMarker, long writeErrors,
                          long filesDeleted, long retentionRefused) {

        public Journal {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * The service screen's PIN gate.
     *
     * @param failuresInARow wrong PINs since the last right one or lock-out (survives restarts)
     * @param locked         the PIN pad is locked now
     * @param failuresTotal  wrong PINs since start
     * @param lockouts       lock-outs since start
     */
    public record ServicePin(int failuresInARow, boolean locked, long failuresTotal, long lockouts) {
    }

    private final Histogram journalWrites = new Histogram(JOURNAL_BUCKETS_S);
    private volatile Supplier<Journal> journal = () -> null;
    private volatile Supplier<ServicePin> servicePin = () -> null;
    private volatile Supplier<Provisioning.Status> provisioning = () -> null;

    /** Reads the journal's health from {@code source} at each request. */
    public void watchJournal(Supplier<Journal> source) {
        journal = Objects.requireNonNull(source, "source");
    }

    /** Reads the PIN gate from {@code source} at each request. */
    public void watchServicePin(Supplier<ServicePin> source) {
        servicePin = Objects.requireNonNull(source, "source");
    }

    /** Reads central provisioning's state from {@code source} at each request. */
    public void watchProvisioning(Supplier<Provisioning.Status> source) {
        provisioning = Objects.requireNonNull(source, "source");
    }

    /** One journal write took {@code latency} from hand-over to durable. */
    public void onJournalWrite(Duration latency) {
        journalWrites.observe(Math.max(0, latency.toNanos()) / 1e9);
    }

    /** The journal's health; null when no journal is watched. */
    Journal journal() {
        return journal.get();
    }

    ServicePin servicePin() {
        return servicePin.get();
    }

    /** True when something here makes the terminal {@code degraded}. */
    boolean degraded() {
        Journal j = journal();
        Provisioning.Status p = provisioning.get();
        return j != null && !j.ok() || p != null && p.refused();
    }

    /** The {@code calllog}, {@code service_pin} and {@code provisioning} members of {@code /health}. */
    void json(JsonWriter json) {
        Provisioning.Status p = provisioning.get();
        if (p != null && p.enabled()) {
            json.name("provisioning").beginObject()
                    .name("source").value(p.source())
                    .name("last_success").value(p.lastSuccess() == null ? null : p.lastSuccess().toString())
                    .name("error").value(p.error())
                    .endObject();
        }
        Journal j = journal();
        if (j != null) {
            json.name("calllog").beginObject()
                    .name("ok").value(j.ok())
                    .name("problem").value(j.problem())
                    .name("unwritten_rows").value(j.unwrittenRows())
                    .name("calls_without_marker").value(j.callsWithoutMarker())
                    .endObject();
        }
        ServicePin pin = servicePin();
        if (pin != null) {
            json.name("service_pin").beginObject()
                    .name("failed_attempts").value(pin.failuresInARow())
                    .name("locked").value(pin.locked())
                    .endObject();
        }
    }

    void prometheus(PrometheusText text) {
        Provisioning.Status p = provisioning.get();
        if (p != null && p.enabled()) {
            text.gauge("hallphone_provisioning_ok",
                    "1 when the last fetch of the central configuration was used (or nothing changed).",
                    p.error().isEmpty() ? 1 : 0);
            text.gauge("hallphone_provisioning_last_success_seconds",
                    "Unix time of the last good answer of the provisioning server; 0: none since start.",
                    p.lastSuccess() == null ? 0 : p.lastSuccess().getEpochSecond());
        }
        Journal j = journal();
        if (j != null) {
            journalFigures(text, j);
        }
        text.histogram("hallphone_calllog_write_seconds",
                "Seconds from handing a marker or row to the call log to having it on disk.", journalWrites);
        ServicePin pin = servicePin();
        if (pin != null) {
            text.counter("hallphone_service_pin_failures_total", "Wrong service PINs since start.",
                    pin.failuresTotal());
            text.counter("hallphone_service_pin_lockouts_total", "Service PIN pad lock-outs since start.",
                    pin.lockouts());
            text.gauge("hallphone_service_pin_locked", "1 while the service PIN pad is locked.", pin.locked() ? 1 : 0);
        }
    }

    private static void journalFigures(PrometheusText text, Journal j) {
        text.gauge("hallphone_calllog_ok", "1 when every call row and marker is on disk.", j.ok() ? 1 : 0);
        text.gauge("hallphone_calllog_unwritten_rows",
                "Ended calls whose row is not on disk yet (kept in memory and in the system log).",
                j.unwrittenRows());
        text.gauge("hallphone_calllog_calls_without_marker",
                "Calls under way whose in-progress marker could not be written.", j.callsWithoutMarker());
        text.counter("hallphone_calllog_write_errors_total", "Failed call-log writes since start.", j.writeErrors());
        text.counter("hallphone_calllog_files_deleted_total",
                "Day files deleted by calllog.retention-days since start.", j.filesDeleted());
        text.counter("hallphone_calllog_retention_refused_total",
                "Retention runs refused because the clock looked wrong.", j.retentionRefused());
    }
}
