package org.hallphone.app;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.Outcome;
import org.hallphone.calllog.RatingCounts;
import org.hallphone.config.ConfigException;
import org.hallphone.config.HandsetConfig;
import org.hallphone.config.KioskConfig;
import org.hallphone.media.SelfTest;
import org.hallphone.sip.SipStatus;
import org.hallphone.ui.ServiceDesk;
import org.hallphone.ui.ServiceGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The technician's service screen over the running terminal: diagnostics, call log, self-test, reload. */
final class TerminalServiceDesk implements ServiceDesk {

    private static final Logger log = LoggerFactory.getLogger(TerminalServiceDesk.class);

    private final Terminal terminal;
    private final CommandLine cli;
    private final IntConsumer exit;

    /** @param exit ends the kiosk with a process exit code */
    TerminalServiceDesk(Terminal terminal, CommandLine cli, IntConsumer exit) {
        this.terminal = terminal;
        this.cli = cli;
        this.exit = exit;
    }

    @Override
    public Optional<ServiceGate> serviceGate() {
        return Optional.ofNullable(terminal.serviceGate());
    }

    @Override
    public ServiceStatus status() {
        KioskConfig config = terminal.config();
        CallSnapshot snapshot = terminal.calls().snapshot();
        HandsetConfig handset = config.handset();
        String handsetLine = handset.port() + " (" + handset.mode().name().toLowerCase() + "): "
                + (snapshot.handsetConnected() ? "connected" : "NOT connected")
                + (snapshot.lifted() ? ", lifted" : ", resting")
                + (snapshot.leftOffhookAlarm() ? ", LEFT LIFTED" : "");
        SipStatus sip = terminal.sip().status();
        String registration = config.sip().registers()
                ? config.sip().account().registrar() + ": " + (sip.registered() ? "registered" : "NOT registered")
                : "no registrar (calls go straight to the targets)";
        List<String> addresses = new ArrayList<>(localAddresses());
        addresses.add("SIP contact " + sip.localContact());
        List<String> audio = List.of(
                "earpiece: " + describe(config.audio().playbackDevice()),
                "microphone: " + describe(config.audio().captureDevice()));
        return new ServiceStatus(handsetLine, registration, sip.lastError(), addresses, audio);
    }

    private static String describe(String device) {
        return device.isEmpty() ? "default device" : device;
    }

    private static List<String> localAddresses() {
        List<String> result = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        result.add(nic.getName() + " " + address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            result.add("addresses unknown: " + e.getMessage());
        }
        return result;
    }

    @Override
    public List<CallRecord> recentCalls(int limit) {
        return terminal.callLog().recent(limit);
    }

    @Override
    public Map<Outcome, Integer> todayCounts() {
        return terminal.callLog().today().byOutcome();
    }

    @Override
    public RatingSummary ratings() {
        RatingCounts today = terminal.ratings().today();
        return new RatingSummary(today.total(), today.average().orElse(0));
    }

    @Override
    public String runAudioSelfTest() {
        try {
            return terminal.media().selfTest().get(15, TimeUnit.SECONDS).describe();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "FAILED: " + e.getMessage();
        }
    }

    @Override
    public String reloadConfiguration() {
        if (cli.demo() && cli.config() == null) {
            return "demo: the embedded configuration cannot be reloaded";
        }
        try {
            Main.load(cli);
        } catch (ConfigException e) {
            return e.getMessage();
        } catch (java.io.IOException e) {
            return "cannot read the configuration: " + e.getMessage();
        }
        log.info("configuration valid: restarting to apply it");
        exit.accept(Main.EXIT_RESTART);
        return "ok: the terminal restarts with the new configuration";
    }

    @Override
    public void leaveKiosk() {
        log.info("the technician left the kiosk for maintenance");
        exit.accept(Main.EXIT_OK);
    }
}
