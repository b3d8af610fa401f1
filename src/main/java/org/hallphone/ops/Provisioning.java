package org.hallphone.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hallphone.config.ConfigException;
import org.hallphone.config.ConfigLoader;
import org.hallphone.config.ConfigPrinter;
import org.hallphone.config.KioskConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central provisioning: the local configuration file with {@code common.properties} and
 * {@code <terminal.id>.properties} from {@code provisioning.url} laid over it. A fetched configuration is taken
 * only when it checks as completely as a local file; otherwise the terminal keeps what it runs with, and says why
 * ({@link #status}, the log). The last good copies stay on disk for starts while the server is away.
 *
 * <p>After start, the files are fetched again every {@code provisioning.interval-s} spread at random by ±25 %, with
 * conditional requests. A change is logged key by key (secrets masked) and handed to the {@link Applier}, which
 * applies it between calls.
 */
public final class Provisioning implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Provisioning.class);
    /** At start a server that does not answer delays the terminal at most this long per file. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(3);

    /** What the terminal does with a new valid configuration (app: restart between calls). */
    @FunctionalInterface
    public interface Applier {
        void apply(KioskConfig next, List<String> changes);
    }

    /**
     * The state of provisioning for {@code /health}.
     *
     * @param enabled     false when {@code provisioning.url} is empty
     * @param source      where the running configuration's central part came from: "server", "kept copy" or
     *                    "none" (local file only)
     * @param lastAttempt when the server was last asked, or null
     * @param lastSuccess when the server last answered with a usable configuration, or null
     * @param error       why the last attempt was not used (unreachable, or every invalid line as file:line: key),
     *                    or empty
     * @param refused     the server's files were read but did not check: central staff must fix them
     */
    public record Status(boolean enabled, String source, Instant lastAttempt, Instant lastSuccess, String error,
                         boolean refused) {
    }

    private final Path localFile;
    private final Map<String, String> overrides;
    private final Clock clock;
    private final ProvisioningClient client;
    private final ScheduledExecutorService timer;
    private volatile KioskConfig current;
    private volatile Status status;
    private Applier applier;

    private Provisioning(Path localFile, Map<String, String> overrides, KioskConfig local, Clock clock)
            throws IOException {
        this.localFile = localFile;
        this.overrides = Map.copyOf(overrides);
        this.clock = clock;
        this.current = local;
        boolean enabled = local.provisioning().enabled();
        this.client = enabled ? new ProvisioningClient(local.provisioning()) : null;
        this.timer = enabled ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "provisioning");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.status = new Status(enabled, "none", null, null, "", false);
    }

    /**
     * The configuration without asking the server: the local file with the kept copies of the central files
     * ({@code --check-config}, the service screen's reload). Kept copies that no longer check are left out, with a
     * warning.
     */
    public static KioskConfig withKeptCopies(Path localFile, Map<String, String> overrides)
            throws ConfigException, IOException {
        Provisioning provisioning = new Provisioning(localFile, overrides, ConfigLoader.load(localFile, overrides),
                Clock.systemUTC());
        provisioning.useKeptCopies("");
        return provisioning.current;
    }

    /**
     * Loads the local file and, when it names a provisioning server, asks the server once (unreachable or invalid:
     * the kept copies; none usable: the local file alone). A bad local file is the only error.
     */
    public static Provisioning start(Path localFile, Map<String, String> overrides, Clock clock)
            throws ConfigException, IOException {
        Provisioning provisioning = new Provisioning(localFile, overrides, ConfigLoader.load(localFile, overrides),
                clock);
        if (provisioning.client != null) {
            try {
                if (!provisioning.fetchAndCheck(true)) {
                    provisioning.useKeptCopies(provisioning.status.error());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                provisioning.useKeptCopies("interrupted");
            }
        }
        return provisioning;
    }

    /** The configuration to run with. */
    public KioskConfig config() {
        return current;
    }

    public Status status() {
        return status;
    }

    /** Starts fetching every interval (spread at random); changes go to {@code applier}. */
    public synchronized void schedule(Applier applier) {
        this.applier = applier;
        if (timer != null) {
            scheduleNext();
        }
    }

    /**
     * Asks the server now, on the calling thread, as the scheduled check does; true when a new configuration was
     * taken.
     */
    public boolean checkNow() throws InterruptedException {
        return client != null && fetchAndCheck(false);
    }

    private void scheduleNext() {
        long mean = current.provisioning().interval().toMillis();
        long delay = (long) (mean * ThreadLocalRandom.current().nextDouble(0.75, 1.25));
        timer.schedule(() -> {
            try {
                fetchAndCheck(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("provisioning check failed", e);
            }
            scheduleNext();
        }, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Fetches both files; when something changed and the result checks, keeps the files, takes the configuration
     * and (after start) hands it to the applier. Returns true when a new configuration was taken.
     */
    private synchronized boolean fetchAndCheck(boolean atStart) throws InterruptedException {
        Instant now = clock.instant();
        List<ProvisioningClient.File> files;
        try {
            files = fetchAll(atStart ? START_TIMEOUT : ProvisioningClient.TIMEOUT);
        } catch (IOException e) {
            unreachable(now, e);
            return false;
        }
        if (!atStart && files.stream().noneMatch(ProvisioningClient.File::fresh)) {
            status = new Status(true, status.source(), now, now, "", false);
            return false; // 304: nothing changed
        }
        KioskConfig next;
        try {
            next = ConfigLoader.load(localFile, layers(files), overrides);
        } catch (ConfigException e) {
            log.error("central configuration refused, keeping the one in use:\n{}", e.getMessage());
            status = new Status(true, status.source(), now, status.lastSuccess(), e.getMessage(), true);
            return false;
        }
        keepFresh(files);
        status = new Status(true, "server", now, now, "", false);
        return take(next, atStart);
    }

    private List<ProvisioningClient.File> fetchAll(Duration timeout) throws IOException, InterruptedException {
        List<ProvisioningClient.File> files = new ArrayList<>();
        for (String name : names()) {
            files.add(client.fetch(name, timeout));
        }
        return files;
    }

    /** The server did not answer: keep running with what is in use, and say so. */
    private void unreachable(Instant now, IOException e) {
        String error = "provisioning server not reachable: " + e.getMessage();
        log.warn("{}; running with {}", error, status.source().equals("none") ? "the local file" : "the "
                + status.source());
        status = new Status(true, status.source(), now, status.lastSuccess(), error, false);
    }

    /** The checked files the server sent anew become the kept copies for starts while the server is away. */
    private void keepFresh(List<ProvisioningClient.File> files) {
        try {
            for (ProvisioningClient.File file : files) {
                if (file.fresh()) {
                    client.keep(file);
                }
            }
        } catch (IOException e) {
            log.warn("cannot keep a copy of the central configuration in {}: {}",
                    current.provisioning().cacheDir(), e.getMessage());
        }
    }

    /**
     * Takes a configuration that checked: at start as it is (nothing runs yet); later only when a key differs,
     * logged key by key and handed to the applier. Returns true when it was taken.
     */
    private boolean take(KioskConfig next, boolean atStart) {
        List<String> changes = ConfigPrinter.changes(current, next);
        if (atStart) {
            current = next;
            log.info("central configuration from {} taken ({} keys differ from the local file)",
                    current.provisioning().url(), changes.size());
            return true;
        }
        if (changes.isEmpty()) {
            return false;
        }
        log.info("central configuration changed: {} key(s)", changes.size());
        changes.forEach(change -> log.info("  {}", change));
        current = next;
        if (applier != null) {
            applier.apply(next, changes);
        }
        return true;
    }

    /** Falls back to the kept copies (or the local file alone) and records {@code error}. */
    private void useKeptCopies(String error) throws IOException {
        if (client == null) {
            return;
        }
        List<ProvisioningClient.File> kept = new ArrayList<>();
        for (String name : names()) {
            Optional<ProvisioningClient.File> file = client.kept(name);
            file.ifPresent(kept::add);
        }
        if (kept.isEmpty()) {
            status = new Status(true, "none", status.lastAttempt(), status.lastSuccess(), error, status.refused());
            return;
        }
        try {
            current = ConfigLoader.load(localFile, layers(kept), overrides);
            status = new Status(true, "kept copy", status.lastAttempt(), status.lastSuccess(), error, status.refused());
            log.info("running with the kept copy of the central configuration from {}",
                    current.provisioning().cacheDir());
        } catch (ConfigException e) {
            log.error("the kept copy of the central configuration no longer checks; running with the local file "
                    + "alone:\n{}", e.getMessage());
            status = new Status(true, "none", status.lastAttempt(), status.lastSuccess(),
                    error.isEmpty() ? e.getMessage() : error, true);
        }
    }

    private List<String> names() {
        return List.of("common.properties", current.terminal().id() + ".properties");
    }

    private static List<ConfigLoader.Layer> layers(List<ProvisioningClient.File> files) {
        return files.stream().map(f -> new ConfigLoader.Layer(f.url().toString(), f.text())).toList();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
