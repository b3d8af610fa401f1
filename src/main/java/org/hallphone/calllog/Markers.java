package org.hallphone.calllog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hallphone.call.CallRecord;

/**
 * The {@code inprogress/<call_id>.marker} files: one per call under way, holding the call's record as a header
 * and one CSV row. A marker appears atomically (temporary file, fsync, rename, fsync of the folder), so after a
 * crash it is either whole or absent. Its modification time is the last moment the terminal was known to be
 * alive in that call (see {@link CallLog} for the heartbeat).
 */
final class Markers {

    static final String DIR = "inprogress";
    static final String SUFFIX = ".marker";
    private static final String TEMPORARY = ".tmp";
    private static final String UNREADABLE = ".unreadable";

    private final Path dir;
    private final ZoneId zone;
    private final Disk disk;

    Markers(Path callLogDir, ZoneId zone, Disk disk) {
        this.dir = callLogDir.resolve(DIR);
        this.zone = zone;
        this.disk = disk;
    }

    Path dir() {
        return dir;
    }

    Path path(String callId) {
        return dir.resolve(fileName(callId) + SUFFIX);
    }

    void write(CallRecord started) throws IOException {
        Path target = path(started.callId());
        Path temporary = dir.resolve(target.getFileName() + TEMPORARY);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CallRow.HEADER + CallRow.line(started, zone));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            disk.force(channel);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        disk.forceDirectory(dir);
    }

    void delete(String callId) throws IOException {
        if (Files.deleteIfExists(path(callId))) {
            disk.forceDirectory(dir);
        }
    }

    /** Records that the terminal is still alive in this call (the marker's modification time). */
    void touch(String callId, Instant now) throws IOException {
        Path marker = path(callId);
        if (Files.exists(marker)) {
            Files.setLastModifiedTime(marker, FileTime.from(now));
        }
    }

    List<Path> list() throws IOException {
        List<Path> markers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            entries.forEach(markers::add);
        }
        markers.sort(null);
        return markers;
    }

    /** Removes temporary files left by a crash during {@link #write} (the call's marker was never complete). */
    void deleteTemporaries() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + TEMPORARY)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /**
     * The record in a marker.
     *
     * @throws IllegalArgumentException when the marker cannot be read as a call record
     */
    static CallRecord read(Path marker) throws IOException {
        String text = new String(Files.readAllBytes(marker), StandardCharsets.UTF_8);
        List<Csv.Record> records = Csv.parse(text);
        if (records.size() != 2 || !records.get(0).wellFormed() || !CallRow.isHeader(records.get(0).fields())
                || !records.get(1).wellFormed() || !records.get(1).terminated()) {
            throw new IllegalArgumentException("not a header and one complete row");
        }
        return CallRow.parse(CallRow.index(records.get(0).fields()), records.get(1).fields());
    }

    static Instant lastModified(Path marker) throws IOException {
        return Files.getLastModifiedTime(marker).toInstant();
    }

    /** Keeps an unreadable marker for the technician instead of deleting evidence; it is not read again. */
    static Path setAside(Path marker) throws IOException {
        Path aside = marker.resolveSibling(marker.getFileName() + UNREADABLE);
        Files.move(marker, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }

    /** A file name for any call id: letters, digits, '.', '_' and '-' are kept, other characters become %XX. */
    static String fileName(String callId) {
        StringBuilder name = new StringBuilder();
        for (byte b : callId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && name.length() > 0);
            if (safe) {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name.toString();
    }
}
