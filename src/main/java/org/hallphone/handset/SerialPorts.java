package org.hallphone.handset;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jssc.SerialPortList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code --list-serial-ports} prints: every serial device with the stable names that lead to it. A stable name
 * ({@code /dev/serial/by-id/...}, {@code /dev/serial/by-path/...} or a udev symlink in {@code /dev}) survives
 * replugging and reboots, unlike {@code /dev/ttyUSB0}, so it is what {@code handset.port} should say.
 */
public final class SerialPorts {

    private static final Logger LOG = LoggerFactory.getLogger(SerialPorts.class);

    /**
     * A serial device and the stable names that lead to it.
     *
     * @param device      the device node, e.g. {@code /dev/ttyUSB0}
     * @param stableNames symlinks to it: by-id first, then by-path, then other udev symlinks; may be empty
     */
    public record Port(String device, List<String> stableNames) {

        public Port {
            stableNames = List.copyOf(stableNames);
        }

        /** The name to put in {@code handset.port}: the first stable name, else the device itself. */
        public String bestName() {
            return stableNames.isEmpty() ? device : stableNames.get(0);
        }

        @Override
        public String toString() {
            return stableNames.isEmpty() ? device + "  (no stable name)"
                    : device + "  ←  " + String.join(", ", stableNames);
        }
    }

    private SerialPorts() {
    }

    /** The serial devices of this machine (jssc's list plus everything /dev/serial names), ptys excluded. */
    public static List<Port> list() {
        return list(List.of());
    }

    /**
     * As {@link #list()}, plus {@code alsoInclude}: names (e.g. a socat pty link, or the configured port) to list
     * even though they are no serial device jssc knows; a name that is a symlink counts as a stable name.
     */
    public static List<Port> list(Collection<Path> alsoInclude) {
        return scan(Paths.get("/dev"), jsscPortNames(), alsoInclude);
    }

    private static List<String> jsscPortNames() {
        try {
            return Arrays.asList(SerialPortList.getPortNames());
        } catch (LinkageError e) {
            // Without its native library jssc cannot check /dev/ttyS*; /dev/serial still names every USB adapter.
            LOG.warn("jssc native library not loaded ({}); listing /dev/serial only. With /tmp mounted noexec,"
                    + " set -Djssc.boot.library.path", e.toString());
            return List.of();
        }
    }

    /** Prints the ports, one a line, with a hint for the configuration. */
    public static void print(List<Port> ports, PrintStream out) {
        if (ports.isEmpty()) {
            out.println("No serial ports found. Plug in the handset adapter; check `dmesg` for ttyUSB/ttyACM.");
            return;
        }
        out.println("Serial ports (device  ←  stable names); put a stable name in handset.port:");
        for (Port port : ports) {
            out.println("  " + port);
        }
    }

    /** Scans {@code dev} (normally /dev): its {@code serial/by-id}, {@code serial/by-path} and top-level links. */
    static List<Port> scan(Path dev, Collection<String> deviceNames, Collection<Path> alsoInclude) {
        Map<String, List<String>> byDevice = new TreeMap<>();
        for (String name : deviceNames) {
            realPath(Paths.get(name)).ifPresent(real -> byDevice.computeIfAbsent(real, k -> new ArrayList<>()));
        }
        for (String folder : List.of("serial/by-id", "serial/by-path")) {
            for (Path link : links(dev.resolve(folder))) {
                realPath(link).ifPresent(real ->
                        byDevice.computeIfAbsent(real, k -> new ArrayList<>()).add(link.toString()));
            }
        }
        // Other udev symlinks (e.g. SYMLINK+="hallphone-handset"), only when they lead to a known serial device.
        for (Path link : links(dev)) {
            realPath(link).ifPresent(real -> {
                List<String> names = byDevice.get(real);
                if (names != null) {
                    names.add(link.toString());
                }
            });
        }
        for (Path extra : alsoInclude) {
            realPath(extra).ifPresent(real -> {
                List<String> names = byDevice.computeIfAbsent(real, k -> new ArrayList<>());
                if (Files.isSymbolicLink(extra) && !names.contains(extra.toString())) {
                    names.add(extra.toString());
                }
            });
        }
        List<Port> ports = new ArrayList<>();
        byDevice.forEach((device, names) -> ports.add(new Port(device, names)));
        return ports;
    }

    private static List<Path> links(Path folder) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, Files::isSymbolicLink)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            return found; // an unreadable folder just adds no names
        }
        found.sort(null);
        return found;
    }

    private static Optional<String> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath().toString());
        } catch (IOException e) {
            return Optional.empty(); // dangling link or vanished device
        }
    }
}
