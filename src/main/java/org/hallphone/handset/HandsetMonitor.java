package org.hallphone.handset;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.hallphone.call.CallEvent;
import org.hallphone.config.HandsetConfig;
import org.hallphone.config.HandsetConfig.HandsetMode;

/**
 * {@code --handset-monitor}: opens the configured handset port with the real driver and prints, with timestamps,
 * every raw line (text mode) or modem-line change (lines mode), how it reads, and every event the call flow would
 * receive, until interrupted. For wiring and checking a new terminal; the kiosk itself must not be running (it
 * holds the port).
 */
public final class HandsetMonitor {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final HandsetConfig config;
    private final PrintStream out;

    public HandsetMonitor(HandsetConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Prints until the calling thread is interrupted (Ctrl+C ends the process, which is fine too). */
    public void run() throws InterruptedException {
        if (config.simulated()) {
            out.println("handset.port=simulated: there is no device to monitor. Set handset.port to a serial port"
                    + " (see --list-serial-ports).");
            return;
        }
        out.println(describe());
        try (HandsetDriver driver = new SerialHandset(config, this::event, new Tap())) {
            driver.start();
            Thread.sleep(Long.MAX_VALUE); // the driver's thread prints; this one waits for the interrupt
        }
    }

    private String describe() {
        String how = config.mode() == HandsetMode.TEXT
                ? "text mode, " + config.baud() + " 8N1, lifted='" + config.textOffhook() + "' resting='"
                        + config.textOnhook() + "'"
                : "lines mode, " + new LinesMode(config.linesSignal(), config.offhookLevelHigh(), HandsetTap.NONE)
                        + ", DTR and RTS raised";
        return "Monitoring handset " + config.port() + " (" + how + ", debounce " + config.debounce().toMillis()
                + " ms). Ctrl+C to stop.";
    }

    private void event(CallEvent event) {
        print("event   " + event);
    }

    private void print(String what) {
        out.println(LocalTime.now().format(TIME) + "  " + what);
    }

    /** Prints raw input, and how the driver reads it. */
    private final class Tap implements HandsetTap {

        @Override
        public void rawLine(String line, Optional<HookState> reading) {
            String meaning = reading.map(HandsetMonitor::words).orElse("unknown, ignored");
            print("line    '" + UnknownLines.printable(line) + "' -> " + meaning);
        }

        @Override
        public void lineState(ModemLines now, HookState reading) {
            print("lines   " + now + " -> " + words(reading));
        }

        @Override
        public void portStatus(String status) {
            print("port    " + status);
        }
    }

    private static String words(HookState reading) {
        return reading.lifted() ? "lifted" : "resting";
    }
}
