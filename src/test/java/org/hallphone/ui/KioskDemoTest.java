package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The demo's whole flow through the window, with a call flow that behaves like the real one and a simulated
 * handset: lift (on-screen button), connect, talk, press a key, hang up (space bar), rate.
 */
class KioskDemoTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = new MutableClock(Kiosks.START);
    private final FakeServiceDesk desk = new FakeServiceDesk();
    private final FlowLikeCallControl flow = new FlowLikeCallControl(clock);
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
        flow.close();
    }

    private ScreenKind screen() {
        return kiosk.screen();
    }

    private String text(String id) {
        return kiosk.text(id);
    }

    @Test
    void liftConnectTalkHangUpRate() {
        KioskContext ctx = Kiosks.context(Kiosks.ui(Texts.ENGLISH), flow, desk, clock, Optional.of(flow));
        kiosk = ShownKiosk.open(ctx);
        Stage stage = kiosk.stage();
        assertEquals(ScreenKind.READY, screen());
        assertEquals("Lift the handset", text("hook"));
        assertEquals("DEMO", text("demo-badge"));

        robot.clickOn("#hook");
        Wait.until("connecting", WAIT, () -> screen() == ScreenKind.CONNECTING || screen() == ScreenKind.TALKING);
        Wait.until("the demo centre to answer", WAIT, () -> screen() == ScreenKind.TALKING);
        assertEquals("You are connected", text("heading"));
        assertEquals("Put the handset back", text("hook"));
        assertTrue(text("call-timer").startsWith("Call time: 0:0"), text("call-timer"));

        robot.clickOn("#key-1");
        robot.clickOn("#key-hash");
        Wait.until("DTMF sent", WAIT, () -> flow.dtmfSent.equals(List.of('1', '#')));

        robot.push(KeyCode.SPACE);
        Wait.until("the rating question", WAIT, () -> screen() == ScreenKind.RATING);
        assertEquals("How much did we help you?", FxTesting.onFx(() -> ((Label) stage.getScene()
                .lookup("#screen-rating").lookupAll(".emphasis").iterator().next()).getText()));
        robot.clickOn("#star-5");
        Wait.until("the rating stored", WAIT, () -> desk.ratingsGiven.equals(List.of("call-1:5")));
        assertEquals(ScreenKind.THANKS, screen(), "a thank-you; lifting the handset leaves it at once");
        assertEquals("Lift the handset", text("hook"));

        // the space bar lifts too, and hanging up before the answer asks for no rating
        robot.push(KeyCode.SPACE);
        Wait.until("a second call", WAIT, () -> screen() != ScreenKind.READY);
        robot.push(KeyCode.SPACE);
        Wait.until("back at rest", WAIT, () -> flow.snapshot().callId().equals("call-2") && !flow.isLifted());
        Wait.until("ready or rating", WAIT, () -> screen() == ScreenKind.READY || screen() == ScreenKind.RATING);
        assertTrue(FxTesting.onFx(() -> stage.isFullScreen()), "still full screen");
        assertTrue(FxTesting.onFx(() -> stage.getScene().lookup("#hook") instanceof Button));
    }
}
