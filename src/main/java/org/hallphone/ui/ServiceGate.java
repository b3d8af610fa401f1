package org.hallphone.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts wrong PINs for the service screen: {@link #MAX_FAILURES} in a row lock it, progressively longer each
 * time ({@link #LOCKS}: 5 minutes, 30 minutes, then 24 hours) until a right PIN is entered. With a state file
 * (see {@link #persistent}) the count and the lock survive a restart or a pulled plug, so a patient cannot reset
 * them by power-cycling the kiosk. Thread-safe (the screen uses it on the FX thread, {@code /metrics} reads it);
 * the clock is injected so that tests can move time.
 */
public final class ServiceGate {

    static final int MAX_FAILURES = 5;
    /** The lock after the first, second and every further run of {@link #MAX_FAILURES} wrong PINs. */
    static final List<Duration> LOCKS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(24));
    static final Duration LOCK = LOCKS.get(0);
    /** The state file's name in the state folder. */
    public static final String STATE_FILE = "service-pin.state";

    private static final Logger log = LoggerFactory.getLogger(ServiceGate.class);

    private final Clock clock;
    private final Path file;
    private int failures;
    private int lockouts;
    private Instant lockedUntil = Instant.MIN;
    private long failuresTotal;
    private long lockoutsTotal;

    /** A gate kept in memory only. */
    ServiceGate(Clock clock) {
        this(clock, null);
    }

    private ServiceGate(Clock clock, Path file) {
        this.clock = clock;
        this.file = file;
    }

    /**
     * A gate whose state lives in {@code stateDir/}{@value #STATE_FILE}, read now and written at every change. An
     * unreadable file is logged and counts as a fresh start; one that cannot be written keeps the state in
     * memory (logged).
     */
    public static ServiceGate persistent(Path stateDir, Clock clock) {
        ServiceGate gate = new ServiceGate(clock, stateDir.resolve(STATE_FILE));
        gate.load();
        return gate;
    }

    /**
     * What monitoring sees.
     *
     * @param failuresInARow wrong PINs since the last right one or lock-out
     * @param locked         locked now
     * @param failuresTotal  wrong PINs since this process started
     * @param lockoutsTotal  lock-outs since this process started
     */
    public record Figures(int failuresInARow, boolean locked, long failuresTotal, long lockoutsTotal) {
    }

    public synchronized Figures figures() {
        return new Figures(failures, lockedUntil().isPresent(), failuresTotal, lockoutsTotal);
    }

    /** When the gate is locked now, the instant it opens again. */
    synchronized Optional<Instant> lockedUntil() {
        Instant now = clock.instant();
        Duration longest = LOCKS.get(LOCKS.size() - 1);
        if (lockedUntil.isAfter(now.plus(longest))) {
            // The clock went back (or the file was edited): never lock for longer than the longest lock.
            lockedUntil = now.plus(longest);
            save();
        }
        return now.isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
    }

    /** Records a wrong PIN; returns how many tries are left before the lock (0: locked now). */
    synchronized int failed() {
        failures++;
        failuresTotal++;
        if (failures >= MAX_FAILURES) {
            failures = 0;
            Duration lock = LOCKS.get(Math.min(lockouts, LOCKS.size() - 1));
            lockouts++;
            lockoutsTotal++;
            lockedUntil = clock.instant().plus(lock);
            log.warn("service PIN: {} wrong PINs in a row, the service screen is locked for {} min (lock-out {})",
                    MAX_FAILURES, lock.toMinutes(), lockouts);
            save();
            return 0;
        }
        save();
        return MAX_FAILURES - failures;
    }

    /** Records a right PIN: the count and the lock-out level start again. */
    synchronized void succeeded() {
        if (failures != 0 || lockouts != 0) {
            failures = 0;
            lockouts = 0;
            save();
        }
    }

    private void load() {
        Properties state = new Properties();
        try {
            state.load(new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            failures = Math.max(0, Math.min(MAX_FAILURES - 1, Integer.parseInt(state.getProperty("failures", "0"))));
            lockouts = Math.max(0, Integer.parseInt(state.getProperty("lockouts", "0")));
            String until = state.getProperty("locked_until", "");
            lockedUntil = until.isEmpty() ? Instant.MIN : Instant.parse(until);
            if (lockouts > 0 || failures > 0) {
                log.info("service PIN: {} wrong PINs in a row and {} lock-outs kept from before the restart",
                        failures, lockouts);
            }
        } catch (NoSuchFileException e) {
            // first start
        } catch (IOException | NumberFormatException | DateTimeParseException e) {
            log.warn("service PIN: cannot read {} ({}); starting a fresh count", file, e.toString());
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        String text = "# Hallphone service-screen PIN lock-out; delete this file to unlock by hand\n"
                + "failures=" + failures + "\nlockouts=" + lockouts + "\nlocked_until="
                + (lockedUntil.equals(Instant.MIN) ? "" : lockedUntil) + "\n";
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("service PIN: cannot write {} ({}); the count is kept in memory only", file, e.toString());
        }
    }
}
