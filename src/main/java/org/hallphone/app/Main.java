package org.hallphone.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.hallphone.calllog.CallExport;
import org.hallphone.config.ConfigError;
import org.hallphone.config.ConfigException;
import org.hallphone.config.ConfigLoader;
import org.hallphone.config.ConfigPrinter;
import org.hallphone.config.KioskConfig;
import org.hallphone.config.PinHash;
import org.hallphone.handset.HandsetMonitor;
import org.hallphone.handset.SerialPorts;
import org.hallphone.handset.SimulatedHandset;
import org.hallphone.media.AudioDeviceInfo;
import org.hallphone.media.MediaEngine;
import org.hallphone.ops.Provisioning;
import org.hallphone.ui.ServicePin;
import org.hallphone.ui.TextOverrides;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code bin/hallphone}. Deliberately not a JavaFX {@code Application}: the toolkit is started by
 * {@link KioskLauncher} only when a window is wanted, so the class path launch and {@code --headless} work alike.
 */
public final class Main {

    /** Exit code: normal end. */
    static final int EXIT_OK = 0;
    /** Exit code: anything else went wrong. */
    static final int EXIT_FAILURE = 1;
    /** Exit code: bad configuration or usage. */
    static final int EXIT_CONFIG = 2;
    /**
     * Exit code asking the service manager to start the terminal again (after "reload the configuration" on the
     * service screen); the systemd unit restarts on any non-zero code.
     */
    static final int EXIT_RESTART = 75;

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (RuntimeException | Error e) {
            // Never leave a half-started terminal behind: the SIP stack's threads would keep the process alive.
            log.error("hallphone stopped on an unexpected error", e);
            System.err.println("hallphone: " + e);
            code = EXIT_FAILURE;
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (the process exits with it). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("hallphone: " + e.getMessage());
            err.print(CommandLine.USAGE);
            return EXIT_CONFIG;
        }
        try {
            return switch (cli.action()) {
                case HELP -> {
                    out.print(CommandLine.USAGE);
                    yield EXIT_OK;
                }
                case VERSION -> {
                    out.println("Hallphone " + Version.current());
                    yield EXIT_OK;
                }
                case HASH_PIN -> hashPin(out, err);
                case LIST_SERIAL_PORTS -> {
                    SerialPorts.print(SerialPorts.list(), out);
                    yield EXIT_OK;
                }
                case LIST_AUDIO_DEVICES -> {
                    List<AudioDeviceInfo> devices = MediaEngine.listDevices();
                    if (devices.isEmpty()) {
                        out.println("No audio devices found (is the USB sound card plugged in?)");
                    }
                    devices.forEach(out::println);
                    yield EXIT_OK;
                }
                case CHECK_CONFIG -> checkConfig(cli, out, err);
                case EXPORT_CALLS -> exportCalls(cli, out, err);
                case HANDSET_MONITOR -> {
                    KioskConfig config = load(cli);
                    new HandsetMonitor(config.handset(), out).run();
                    yield EXIT_OK;
                }
                case RUN -> runTerminal(cli);
            };
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_CONFIG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_OK;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            err.println("hallphone: " + e.getMessage());
            log.error("start failed", e);
            return EXIT_FAILURE;
        }
    }

    /**
     * The configuration without asking a provisioning server: the file (with the kept copies of the central files
     * when it names a server), or the embedded demo configuration.
     */
    static KioskConfig load(CommandLine cli) throws ConfigException, IOException {
        Map<String, String> overrides = overrides(cli);
        KioskConfig config = cli.demo() && cli.config() == null
                ? ConfigLoader.demo(overrides)
                : Provisioning.withKeptCopies(cli.config(), overrides);
        return checked(config);
    }

    private static Map<String, String> overrides(CommandLine cli) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : cli.overrides()) {
            int eq = pair.indexOf('=');
            overrides.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return overrides;
    }

    /**
     * Checks what the loader cannot: the screen's own words ({@code ui.texts-dir}, checked against its built-in
     * texts) and QR picture, which belong to the screen.
     */
    private static KioskConfig checked(KioskConfig config) throws ConfigException {
        List<ConfigError> texts = TextOverrides.check(config.ui());
        if (!texts.isEmpty()) {
            throw new ConfigException(texts);
        }
        return config;
    }

    private static int checkConfig(CommandLine cli, PrintStream out, PrintStream err)
            throws ConfigException, IOException {
        KioskConfig config = load(cli);
        out.print(ConfigPrinter.render(config));
        for (String warning : ConfigPrinter.warnings(config)) {
            err.println("warning: " + warning);
        }
        out.println("# configuration is valid: " + config.source());
        return EXIT_OK;
    }

    /**
     * {@code --export-calls}: reads {@code calllog.dir} of the configuration (nothing else of it is used, and no
     * provisioning server is asked) and writes the CSV to the file (whole or not at all: a temporary file renamed
     * into place) or to standard output. The summary and each line left out go to standard error.
     */
    private static int exportCalls(CommandLine cli, PrintStream out, PrintStream err)
            throws ConfigException, IOException {
        CommandLine.Export export = cli.export();
        Path dir = load(cli).calllog().dir();
        CallExport.Result result;
        if (export.file() == null) {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            result = CallExport.write(dir, export.from(), export.to(), writer);
            writer.flush();
        } else {
            Path target = export.file().toAbsolutePath();
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    result = CallExport.write(dir, export.from(), export.to(), writer);
                }
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        for (String line : result.skipped()) {
            err.println("hallphone: skipped " + line);
        }
        err.println("hallphone: exported " + result.rows() + " calls from " + result.files() + " day files ("
                + export.from() + " to " + export.to() + ") of " + dir
                + (export.file() == null ? "" : " to " + export.file()));
        return EXIT_OK;
    }

    private static int hashPin(PrintStream out, PrintStream err) throws IOException {
        char[] pin;
        Console console = System.console();
        if (console != null) {
            pin = console.readPassword("Service PIN (" + PinHash.MIN_DIGITS + "-" + PinHash.MAX_DIGITS
                    + " digits): ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            pin = line == null ? new char[0] : line.trim().toCharArray();
        }
        String hash;
        try {
            hash = ServicePin.hash(pin);
        } catch (IllegalArgumentException e) {
            err.println("hallphone: " + e.getMessage());
            return EXIT_CONFIG;
        }
        out.println("ui.service-pin-hash=" + hash);
        return EXIT_OK;
    }

    private static int runTerminal(CommandLine cli) throws ConfigException, IOException, InterruptedException {
        Clock clock = Clock.systemDefaultZone();
        Provisioning provisioning = cli.demo() && cli.config() == null ? null
                : Provisioning.start(cli.config(), overrides(cli), clock);
        KioskConfig config = provisioning == null ? load(cli) : checked(provisioning.config());
        Terminal terminal = Terminal.start(config, cli.demo(), clock);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        ApplyBetweenCalls applier = new ApplyBetweenCalls(() -> terminal.calls().snapshot(), exit::complete);
        if (provisioning != null) {
            terminal.metrics().alarms().watchProvisioning(provisioning::status);
            provisioning.schedule(applier);
        }
        Thread hook = new Thread(() -> {
            log.info("stopping");
            applier.close();
            if (provisioning != null) {
                provisioning.close();
            }
            terminal.close();
            exit.complete(EXIT_OK);
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (cli.headless()) {
            terminal.manualHook().ifPresent(simulated -> {
                if (simulated instanceof SimulatedHandset keyboard) {
                    keyboard.readKeyboard(System.in);
                    log.info("simulated handset: press Enter to lift or replace it");
                }
            });
            try {
                return exit.get();
            } catch (ExecutionException e) {
                return EXIT_FAILURE;
            }
        }
        return new KioskLauncher(terminal, cli, exit).run();
    }
}
