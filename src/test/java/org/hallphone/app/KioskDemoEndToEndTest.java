package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.call.Outcome;
import org.hallphone.config.ConfigLoader;
import org.hallphone.config.KioskConfig;
import org.hallphone.media.FileDevice;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.hallphone.ui.FxTesting;
import org.hallphone.ui.KioskContext;
import org.hallphone.ui.ShownKiosk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The README's first command, as a patient meets it: the real terminal in {@code --demo} (simulated handset,
 * the demo contact centre over SIP on loopback, RTP both ways) with the real window, driven by clicks: lift,
 * connect, talk, hang up, rate. The rating lands in the ratings file next to the call log.
 */
class KioskDemoEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private Terminal terminal;
    private ShownKiosk kiosk;

    @BeforeAll
    static void startFx() {
        FxTesting.start();
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (terminal != null) {
            terminal.close();
        }
    }

    private String text(String id) {
        return kiosk.text(id);
    }

    @Test
    void liftConnectTalkHangUpRate() throws Exception {
        int centre = FreePorts.udpAndTcp();
        KioskConfig config = ConfigLoader.demo(Map.of(
                "sip.local-port", "0",
                "call.targets", "sip:reps@127.0.0.1:" + centre,
                "calllog.dir", dir.toString(),
                "health.listen", "",
                "ui.language", "en"));
        terminal = Terminal.start(config, true, Clock.systemDefaultZone(), FileDevice.tone(440, -12));
        TerminalServiceDesk desk = new TerminalServiceDesk(terminal, CommandLine.parse("--demo"), code -> { });
        KioskContext context = new KioskContext(config.ui(), terminal.calls(), terminal.manualHook(), desk,
                (callId, stars) -> terminal.ratings().record(callId, stars), "test", terminal.startedAt(), true,
                Clock.systemDefaultZone());
        kiosk = ShownKiosk.open(context);
        Wait.until("the ready screen", WAIT, () -> "Lift the handset".equals(text("hook")));

        robot.clickOn("#hook");
        Wait.until("the demo centre to answer", WAIT,
                () -> terminal.calls().snapshot().state() == CallState.TALKING);
        Wait.until("the talking screen", WAIT, () -> "You are connected".equals(text("heading")));
        Thread.sleep(1000); // talk a little: RTP both ways through the demo centre's echo

        robot.clickOn("#hook");
        Wait.until("the rating question", WAIT, () -> kiosk.visible("star-5"));
        robot.clickOn("#star-5");

        List<CallRecord> rows = terminal.callLog().recent(5);
        assertEquals(1, rows.size(), rows.toString());
        CallRecord call = rows.get(0);
        assertEquals(Outcome.ANSWERED, call.outcome());
        assertTrue(terminal.media().lastCallStats().packetsReceived() > 10, terminal.media().lastCallStats().toString());
        Path ratings = dir.resolve("ratings-" + LocalDate.now() + ".csv");
        Wait.until("the rating file", WAIT, () -> Files.exists(ratings));
        Wait.until("the rating row", WAIT, () -> {
            try {
                return Files.readString(ratings, StandardCharsets.UTF_8).contains(call.callId() + ",5");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        Wait.until("ready again", WAIT, () -> "Lift the handset".equals(text("hook")));
    }
}
