package org.hallphone.app;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.hallphone.ui.KioskContext;
import org.hallphone.ui.KioskWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the JavaFX toolkit with {@link Platform#startup} (no {@code Application} subclass, so a class-path
 * launch needs no module tricks) and shows the kiosk window until the technician leaves the kiosk or reloads
 * the configuration from the service screen.
 */
final class KioskLauncher {

    private static final Logger log = LoggerFactory.getLogger(KioskLauncher.class);

    private final Terminal terminal;
    private final CommandLine cli;
    private final CompletableFuture<Integer> exit;

    /** @param exit completed with the process exit code when the kiosk should end (service screen, provisioning) */
    KioskLauncher(Terminal terminal, CommandLine cli, CompletableFuture<Integer> exit) {
        this.terminal = terminal;
        this.cli = cli;
        this.exit = exit;
    }

    /** Shows the window and blocks until it should close; returns the process exit code. */
    int run() throws InterruptedException {
        TerminalServiceDesk desk = new TerminalServiceDesk(terminal, cli, exit::complete);
        KioskContext context = new KioskContext(terminal.config().ui(), terminal.calls(), terminal.manualHook(), desk,
                (callId, stars) -> terminal.ratings().record(callId, stars), Version.current(),
                terminal.startedAt(), cli.demo(), Clock.systemDefaultZone());
        Platform.setImplicitExit(false);
        try {
            Platform.startup(() -> showWindow(context));
        } catch (RuntimeException e) {
            log.error("cannot open the kiosk window ({}); without a screen, run with --headless", e.getMessage());
            terminal.close();
            return Main.EXIT_FAILURE;
        }
        try {
            int code = exit.get();
            Platform.exit();
            terminal.close();
            return code;
        } catch (ExecutionException e) {
            return Main.EXIT_FAILURE;
        }
    }

    private void showWindow(KioskContext context) {
        try {
            new KioskWindow(context).show(new Stage());
        } catch (RuntimeException e) {
            log.error("the kiosk window could not be shown", e);
            exit.complete(Main.EXIT_FAILURE);
        }
    }
}
