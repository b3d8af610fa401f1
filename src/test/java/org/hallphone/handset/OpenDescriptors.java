package org.hallphone.handset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** This JVM's open file descriptors, read from {@code /proc/self/fd}, for the tests that a port is closed. */
final class OpenDescriptors {

    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenDescriptors() {
    }

    /** Descriptors open on {@code device} (a real path such as {@code /dev/pts/3}). */
    static long on(Path device) {
        return count(device::equals);
    }

    /** Descriptors open on any pseudo-terminal: the ports of the socat pairs and their writing ends. */
    static long onPtys() {
        return count(target -> target.startsWith("/dev/pts/"));
    }

    /** Every descriptor, whatever it is open on. */
    static long all() {
        return count(target -> true);
    }

    private static long count(Predicate<Path> target) {
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.map(OpenDescriptors::target).filter(t -> t != null && target.test(t)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path target(Path fd) {
        try {
            return Files.readSymbolicLink(fd);
        } catch (IOException closedMeanwhile) {
            return null; // closed between listing and reading
        }
    }
}
