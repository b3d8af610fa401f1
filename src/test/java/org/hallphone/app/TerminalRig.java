package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.config.ConfigException;
import org.hallphone.config.ConfigLoader;
import org.hallphone.media.FileDevice;
import org.hallphone.testing.KioskProperties;
import org.hallphone.testing.SocatPair;
import org.hallphone.testing.Wait;

/**
 * A whole terminal, without a window, as the end-to-end tests start it: a {@code kiosk.properties} written by
 * {@link KioskProperties#terminal} (plus the test's own lines), the handset a text device on a socat pty whose
 * other end the test writes {@code OFFHOOK}/{@code ONHOOK} into, and the terminal started from that file.
 * Closing it stops the terminal, then the pty. Register it with a {@link org.hallphone.testing.Closer} together
 * with the peers the terminal talks to.
 */
final class TerminalRig implements AutoCloseable {

    /** How long a step of a call may take on a loaded 2-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final SocatPair serial;
    private final Path config;
    private Terminal terminal;

    private TerminalRig(SocatPair serial, Path config) {
        this.serial = serial;
        this.config = config;
    }

    /**
     * Writes the configuration for {@code target} with {@code lines} ({@code key=value}) over the defaults, starts
     * the pty and the terminal, and waits until the terminal has the handset port open.
     */
    static TerminalRig start(Path dir, String target, FileDevice audio, String... lines) throws IOException, ConfigException {
        SocatPair serial = new SocatPair(dir);
        Path config = KioskProperties.terminal(dir, serial.a(), target).lines(lines).writeIn(dir);
        TerminalRig rig = new TerminalRig(serial.start(), config);
        try {
            rig.terminal = Terminal.start(ConfigLoader.load(config), false, Clock.systemDefaultZone(), audio);
            Wait.until("the handset port to open", PATIENCE, () -> rig.terminal.handset().connected());
        } catch (Throwable e) { // precise rethrow: only what the try may throw
            rig.close();
            throw e;
        }
        return rig;
    }

    Terminal terminal() {
        return terminal;
    }

    SocatPair serial() {
        return serial;
    }

    /** The configuration file the terminal was started from. */
    Path config() {
        return config;
    }

    /** Writes {@code text} as the handset would send it, e.g. {@code "OFFHOOK\n"}. */
    void handset(String text) {
        serial.write(text);
    }

    /** Pulls the handset's cable: both ptys vanish. */
    void unplugHandset() {
        serial.kill();
    }

    /** Plugs the handset back in at the same path. */
    void plugHandsetBackIn() {
        serial.start();
    }

    CallState state() {
        return terminal.calls().snapshot().state();
    }

    void awaitState(CallState wanted) {
        Wait.until("state " + wanted + " (now " + state() + ")", PATIENCE, () -> state() == wanted);
    }

    /** Lifts, waits until talking, replaces and waits until idle again. */
    void callAndHangUp() {
        handset("OFFHOOK\r\n");
        awaitState(CallState.TALKING);
        handset("ONHOOK\r\n");
        awaitState(CallState.IDLE);
    }

    List<CallRecord> rows() {
        return terminal.callLog().recent(10);
    }

    CallRecord onlyRow() {
        List<CallRecord> rows = rows();
        assertEquals(1, rows.size(), "exactly one row: " + rows);
        return rows.get(0);
    }

    /** Stops the terminal alone (the pty stays), as a shutdown of the service would. */
    void stopTerminal() {
        terminal.close();
    }

    @Override
    public void close() {
        try {
            if (terminal != null) {
                terminal.close();
            }
        } finally {
            serial.close();
        }
    }
}
