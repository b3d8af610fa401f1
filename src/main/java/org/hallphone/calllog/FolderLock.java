package org.hallphone.calllog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taking the call-log folder into use: creating it, checking that it and its marker folder can be written, and
 * holding {@code .lock} in it while open. A second process on the same folder would take the first one's live
 * calls for interrupted ones; the operating system releases the lock when a process dies.
 */
final class FolderLock {

    private static final Logger log = LoggerFactory.getLogger(FolderLock.class);

    private FolderLock() {
    }

    /**
     * Creates {@code dir} and {@code markerDir}, checks that both can be written and locks {@code dir}.
     *
     * @return the held lock; close it to release the folder
     * @throws IOException when the folders cannot be created or written
     * @throws IllegalStateException when another running Hallphone holds the folder
     */
    static FileChannel take(Path dir, Path markerDir, Disk disk) throws IOException {
        Disk.createDirectories(markerDir, disk);
        Files.delete(Files.createTempFile(dir, ".write-test-", ".tmp"));
        Files.delete(Files.createTempFile(markerDir, ".write-test-", ".tmp"));
        return lock(dir);
    }

    private static FileChannel lock(Path dir) throws IOException {
        Path file = dir.resolve(".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (IOException e) {
            release(channel);
            throw new IOException("cannot lock " + file + ": " + e, e);
        } catch (OverlappingFileLockException e) {
            // held by another CallLog in this JVM
        }
        release(channel);
        throw new IllegalStateException("call log folder " + dir.toAbsolutePath()
                + " is in use by another running Hallphone (calllog.dir)");
    }

    /** Closes {@code channel} (and so its lock); null is allowed. */
    static void release(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", channel, e.toString());
            }
        }
    }

    /** Why a folder could not be used, in a technician's words. */
    static String reason(Exception e) {
        Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        String message = cause.getMessage();
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            message = fs.getReason();
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
