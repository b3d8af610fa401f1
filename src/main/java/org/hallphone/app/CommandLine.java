package org.hallphone.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line of {@code bin/hallphone} (docs/command-line.md).
 *
 * @param config     the configuration file; null with {@code --demo} unless given explicitly
 * @param overrides  {@code --set key=value} pairs, applied on top of the file (for tests and one-off runs)
 * @param export     the days and file of {@code --export-calls}; null for other actions
 */
record CommandLine(
        Action action,
        Path config,
        boolean demo,
        boolean headless,
        List<String> overrides,
        Export export) {

    /** What the process is asked to do. */
    enum Action {
        RUN, CHECK_CONFIG, LIST_SERIAL_PORTS, LIST_AUDIO_DEVICES, HANDSET_MONITOR, HASH_PIN, EXPORT_CALLS, VERSION, HELP
    }

    /**
     * {@code --export-calls FROM TO [FILE]}.
     *
     * @param file where the CSV goes; null: standard output
     */
    record Export(LocalDate from, LocalDate to, Path file) {
    }

    static final Path INSTALLED_CONFIG = Path.of("/etc/hallphone/kiosk.properties");
    static final Path SOURCE_CONFIG = Path.of("kiosk-config/kiosk.properties");

    static final String USAGE = """
            Usage: hallphone [options]
              --config FILE          configuration file (default: /etc/hallphone/kiosk.properties when installed,
                                     else kiosk-config/kiosk.properties)
              --demo                 embedded defaults: simulated handset, demo contact centre on loopback
              --headless             no window (audio-only help point, benchmarks); Enter toggles a simulated handset
              --set KEY=VALUE        override one configuration key (repeatable)
              --check-config         validate and print the effective configuration (secrets masked); exit 0 or 2
              --list-serial-ports    serial ports with their stable names, for handset.port
              --list-audio-devices   audio devices, for audio.playback-device and audio.capture-device
              --handset-monitor      print every raw line or line change from the handset and each decoded event
              --hash-pin             read a service-screen PIN from standard input and print ui.service-pin-hash
              --export-calls FROM TO [FILE]
                                     one CSV of the call log from day FROM to day TO (YYYY-MM-DD, both included),
                                     header once, rows in time order; to FILE or standard output
              --version              print the version
              --help                 this text
            Exit codes: 0 normal, 2 bad configuration or usage, 1 anything else.
            """;

    /** Parses {@code args}; throws {@link UsageException} with a message naming the bad argument. */
    static CommandLine parse(String... args) throws UsageException {
        Action action = Action.RUN;
        Path config = null;
        boolean demo = false;
        boolean headless = false;
        List<String> overrides = new ArrayList<>();
        Export export = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--config needs a file");
                    }
                    config = Path.of(args[++i]);
                }
                case "--set" -> {
                    if (i + 1 >= args.length || !args[i + 1].contains("=")) {
                        throw new UsageException("--set needs KEY=VALUE");
                    }
                    overrides.add(args[++i]);
                }
                case "--demo" -> demo = true;
                case "--headless" -> headless = true;
                case "--check-config" -> action = only(action, Action.CHECK_CONFIG, arg);
                case "--list-serial-ports" -> action = only(action, Action.LIST_SERIAL_PORTS, arg);
                case "--list-audio-devices" -> action = only(action, Action.LIST_AUDIO_DEVICES, arg);
                case "--handset-monitor" -> action = only(action, Action.HANDSET_MONITOR, arg);
                case "--hash-pin" -> action = only(action, Action.HASH_PIN, arg);
                case "--export-calls" -> {
                    action = only(action, Action.EXPORT_CALLS, arg);
                    if (i + 2 >= args.length || args[i + 1].startsWith("--") || args[i + 2].startsWith("--")) {
                        throw new UsageException("--export-calls needs FROM and TO (YYYY-MM-DD) and optionally FILE");
                    }
                    LocalDate from = day(args[++i], "FROM");
                    LocalDate to = day(args[++i], "TO");
                    if (from.isAfter(to)) {
                        throw new UsageException("--export-calls: FROM (" + from + ") is after TO (" + to + ")");
                    }
                    Path file = null;
                    if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        file = Path.of(args[++i]);
                    }
                    export = new Export(from, to, file);
                }
                case "--version" -> action = only(action, Action.VERSION, arg);
                case "--help", "-h" -> action = only(action, Action.HELP, arg);
                default -> throw new UsageException("unknown option: " + arg);
            }
        }
        if (config == null && !demo) {
            config = defaultConfig();
        }
        return new CommandLine(action, config, demo, headless, List.copyOf(overrides), export);
    }

    /**
     * {@code /etc/hallphone/kiosk.properties} when installed, else the example beside the distribution
     * ({@code bin/hallphone} sets {@code hallphone.home}), else {@code kiosk-config/kiosk.properties} of a checkout.
     */
    static Path defaultConfig() {
        if (Files.exists(INSTALLED_CONFIG)) {
            return INSTALLED_CONFIG;
        }
        String home = System.getProperty("hallphone.home");
        return home == null ? SOURCE_CONFIG : Path.of(home).resolve(SOURCE_CONFIG);
    }

    private static LocalDate day(String text, String what) throws UsageException {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UsageException("--export-calls: " + what + " is not a day YYYY-MM-DD: " + text);
        }
    }

    private static Action only(Action current, Action next, String arg) throws UsageException {
        if (current != Action.RUN) {
            throw new UsageException(arg + " cannot be combined with another action");
        }
        return next;
    }

    /** A bad command line: exit code 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
