package org.hallphone.calllog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where writes become durable. Tests record the order of these calls; production uses {@link #FSYNC}. */
interface Disk {

    /** Forces a file's content and metadata to the device (fsync). */
    void force(FileChannel channel) throws IOException;

    /** Forces a folder's entries (a created, renamed or deleted name) to the device. */
    void forceDirectory(Path dir) throws IOException;

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
