package org.hallphone.calllog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;

/** Where writes become durable. Tests record the order of these calls; production uses {@link #FSYNC}. */
interface Disk {

    /** Forces a file's content and metadata to the device (fsync). */
    void force(FileChannel channel) throws IOException;

    /** Forces a folder's entries (a created, renamed or deleted name) to the device. */
    void forceDirectory(Path dir) throws IOException;

    /**
     * Creates {@code dir} and its missing parents, and forces each new folder's name into its parent, so that a
     * power cut right after cannot take the folder (and the files written into it) away.
     */
    static void createDirectories(Path dir, Disk disk) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        Files.createDirectories(dir);
        while (!missing.isEmpty()) {
            Path created = missing.pop();
            if (created.getParent() != null) {
                disk.forceDirectory(created.getParent());
            }
        }
    }

    Disk FSYNC = new Disk() {
        @Override
        public void force(FileChannel channel) throws IOException {
            channel.force(true);
        }

        @Override
        public void forceDirectory(Path dir) throws IOException {
            // On Linux a folder opened read-only can be fsync'ed; that makes a new or renamed name durable.
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    };
}
