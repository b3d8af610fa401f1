package org.hallphone.calllog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends whole lines to a CSV file and forces them to disk. A file that does not end in a line break holds a
 * torn last line from a write cut short by a power failure; that partial line (which never was a complete
 * record: a record is complete only once its final LF is on disk) is truncated away before the next append,
 * so the new line starts on a fresh line and every complete record is kept.
 */
final class AppendOnlyFile {

    private static final Logger log = LoggerFactory.getLogger(AppendOnlyFile.class);

    private static final int CHUNK = 4096;

    private AppendOnlyFile() {
    }

    /**
     * Appends {@code lines} (each ending in a line break) to {@code file}, writing {@code header} first when the
     * file is new or empty, then forces the file to disk, and its folder too unless {@code namesSynced} says this
     * process already did so for this file. The folder is forced after every append until it once succeeds, so
     * a file created by an append that failed half-way (disk full) still gets its name made durable later.
     */
    static void append(Path file, String header, String lines, Disk disk, Set<Path> namesSynced)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = channel.size();
            long complete = completeLength(channel, size);
            if (complete < size) {
                log.warn("{}: dropped an incomplete last line of {} bytes (a write was cut short, e.g. by a power "
                        + "failure)", file, size - complete);
                channel.truncate(complete);
                size = complete;
            }
            String text = size == 0 ? header + lines : lines;
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
            long position = size;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            disk.force(channel);
        }
        if (!namesSynced.contains(file)) {
            disk.forceDirectory(file.toAbsolutePath().getParent());
            namesSynced.add(file);
        }
    }

    /** Forces {@code file} to disk again (after a failed fsync, once its content is known to be complete). */
    static void force(Path file, Disk disk) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            disk.force(channel);
        }
    }

    /** The length of the file up to and including its last LF (0 when there is none). */
    static long completeLength(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - CHUNK);
            buffer.clear().limit((int) (end - start));
            long at = start;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
            for (int i = buffer.position() - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
