package org.hallphone.calllog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call-log folder while the log is open: taking it into use (creating, checking and locking it, see
 * {@link FolderLock}), trying again while it cannot be used, and the start-up work (recovery, retention) that
 * waits until it can. A folder that cannot be used is a {@link WriteTrouble}, not an error: the terminal runs
 * without a journal meanwhile.
 *
 * <p>Not thread-safe: {@link CallLog} calls it under its write lock.
 */
final class JournalFolder {

    private static final Logger log = LoggerFactory.getLogger(JournalFolder.class);

    private final Path dir;
    private final Path markerDir;
    private final Disk disk;
    private final WriteTrouble trouble;

    /** The held {@code .lock}; null while the folder cannot be used. */
    private FileChannel lock;
    /** What start-up still has to do once the folder can be used; null when nothing. */
    private Runnable startUp;

    JournalFolder(Path dir, Path markerDir, Disk disk, WriteTrouble trouble) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.markerDir = Objects.requireNonNull(markerDir, "markerDir");
        this.disk = Objects.requireNonNull(disk, "disk");
        this.trouble = Objects.requireNonNull(trouble, "trouble");
    }

    /** True while the folder is held; writes into it can succeed. */
    boolean usable() {
        return lock != null;
    }

    /**
     * Takes the folder into use unless held already. A folder that cannot be created or written is logged
     * (once per distinct cause) and recorded as the current trouble.
     *
     * @return true when the folder is usable
     * @throws IllegalStateException when another running Hallphone holds the folder
     */
    boolean use() {
        if (lock != null) {
            return true;
        }
        try {
            lock = FolderLock.take(dir, markerDir, disk);
        } catch (IOException | SecurityException | UncheckedIOException e) {
            String cause = "call log folder " + dir.toAbsolutePath() + " cannot be created or written "
                    + "(calllog.dir): " + FolderLock.reason(e);
            if (!cause.equals(trouble.problem())) {
                log.error("{}; calls go ahead without a journal and every row is logged here; tried again "
                        + "every {} s", cause, CallLog.RETRY.toSeconds());
            }
            trouble.failed(cause);
            return false;
        }
        return true;
    }

    /**
     * Tries again to take a folder that could not be used, and once it can, runs the start-up work that waited
     * for it. Another Hallphone holding the folder is recorded as the current trouble.
     *
     * @return true when the folder is usable
     */
    boolean retry() {
        if (lock != null) {
            return true;
        }
        try {
            if (!use()) {
                return false;
            }
        } catch (IllegalStateException inUse) {
            trouble.problem(inUse.getMessage());
            return false;
        }
        log.info("call log folder {} can be written again", dir);
        runStartUp();
        return true;
    }

    /** Runs {@code work} now when the folder is usable, else as soon as {@link #retry} takes it into use. */
    void startUpWhenUsable(Runnable work) {
        startUp = Objects.requireNonNull(work, "work");
        if (lock != null) {
            runStartUp();
        }
    }

    /** Forgets start-up work still waiting for the folder (the log is closing). */
    void dropStartUp() {
        startUp = null;
    }

    /** Releases the folder for another process. */
    void release() {
        FolderLock.release(lock);
        lock = null;
    }

    private void runStartUp() {
        Runnable work = startUp;
        startUp = null;
        if (work != null) {
            work.run();
        }
    }
}
