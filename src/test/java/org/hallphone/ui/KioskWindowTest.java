package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javafx.event.Event;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Fault;
import org.hallphone.call.Outcome;
import org.hallphone.config.Secret;
import org.hallphone.config.UiConfig;
import org.hallphone.testing.Wait;
import org.hallphone.call.EarpieceLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;

/**
 * The kiosk window on a headless 1920x1080 screen (Monocle), driven by a call flow the test steers: every state's
 * words in both languages, the keypad, volume, rating, language button, service screen, and the hardening.
 */
class KioskWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final FxRobot robot = new FxRobot();
    private final MutableClock clock = new MutableClock(Kiosks.START);
    private final FakeServiceDesk desk = new FakeServiceDesk();
    private FakeCallControl calls;
    private ShownKiosk kiosk;
    private Stage stage;

    @BeforeAll
    static void startFx() {
        FxTesting.start();
    }

    @AfterEach
    void closeWindow() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (calls != null) {
            calls.close();
        }
    }

    private void open(UiConfig ui) {
        calls = new FakeCallControl(Snap.idle().build());
        KioskContext ctx = Kiosks.context(ui, calls, desk, clock, Optional.empty());
        kiosk = ShownKiosk.open(new KioskWindow(ctx, Duration.ofMillis(300)));
        stage = kiosk.stage();
    }

    private void publish(CallSnapshot s) {
        calls.publish(s);
        FxTesting.settle();
    }

    private String heading() {
        return FxTesting.onFx(() -> ((Label) stage.getScene().lookup("#heading")).getText());
    }

    private ScreenKind screen() {
        return kiosk.screen();
    }

    private List<String> texts() {
        return FxTesting.onFx(() -> {
            List<String> out = new ArrayList<>();
            collect(stage.getScene().getRoot(), out);
            return out;
        });
    }

    private static void collect(Parent parent, List<String> out) {
        for (Node n : parent.getChildrenUnmodifiable()) {
            if (n instanceof Labeled l && l.isVisible() && l.getText() != null) {
                out.add(l.getText());
            }
            if (n instanceof Parent p && n.isVisible()) {
                collect(p, out);
            }
        }
    }

    private void click(String id) {
        robot.clickOn("#" + id);
        FxTesting.settle();
    }

    // ---- every state, both languages ------------------------------------------------------------------------

    record Case(String name, List<CallSnapshot> snapshots, ScreenKind kind, String headingKey, List<String> keys) {
    }

    static List<Case> cases() {
        Instant t0 = Kiosks.START;
        return List.of(
                new Case("ready", List.of(Snap.idle().build()), ScreenKind.READY, "ready.heading",
                        List.of("ready.body", "ready.free", "rights.title")),
                new Case("after hours", List.of(Snap.idle().afterHours(true).build()), ScreenKind.AFTER_HOURS,
                        "afterhours.heading", List.of("afterhours.body", "afterhours.centre")),
                new Case("dialling", List.of(Snap.call(CallState.DIALING, "c1").build()), ScreenKind.CONNECTING,
                        "connecting.heading", List.of("connecting.body", "connecting.moves-on")),
                new Case("ringing", List.of(Snap.call(CallState.RINGING, "c1").build()), ScreenKind.CONNECTING,
                        "connecting.heading", List.of("connecting.ringing")),
                new Case("ringing after hours", List.of(Snap.call(CallState.RINGING, "c1").afterHours(true).build()),
                        ScreenKind.CONNECTING, "connecting.heading", List.of("connecting.afterhours")),
                new Case("talking", List.of(Snap.call(CallState.TALKING, "c1").answeredAt(t0).build()),
                        ScreenKind.TALKING, "talking.heading",
                        List.of("talking.body", "talking.louder", "talking.quieter", "talking.keypad")),
                new Case("talking, near the end", List.of(Snap.call(CallState.TALKING, "c1").answeredAt(t0)
                        .nearMaxDuration(true).build()), ScreenKind.TALKING, "talking.heading",
                        List.of("talking.near-end")),
                new Case("talking, encrypted", List.of(Snap.call(CallState.TALKING, "c1").answeredAt(t0)
                        .media(org.hallphone.call.Media.SRTP).build()), ScreenKind.TALKING, "talking.heading",
                        List.of("talking.encrypted")),
                new Case("remote hung up", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.ANSWERED)
                        .endedBy(EndedBy.REMOTE).build()), ScreenKind.ENDED, "ended.heading",
                        List.of("ended.body", "ended.hang-up")),
                new Case("time limit", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.ANSWERED)
                        .endedBy(EndedBy.TIMEOUT).build()), ScreenKind.ENDED, "ended.heading",
                        List.of("ended.timeout", "ended.hang-up")),
                new Case("busy", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.BUSY).build()),
                        ScreenKind.NOT_REACHED, "busy.heading",
                        List.of("notreached.body", "notreached.retry", "notreached.office")),
                new Case("no answer", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.NO_ANSWER).build()),
                        ScreenKind.NOT_REACHED, "noanswer.heading", List.of("notreached.retry")),
                new Case("failed", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.FAILED).build()),
                        ScreenKind.NOT_REACHED, "failed.heading", List.of("notreached.retry", "notreached.pay")),
                new Case("cut off", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.FAILED)
                        .endedBy(EndedBy.SYSTEM).answeredAt(t0).dropped(true).build()), ScreenKind.DROPPED,
                        "dropped.heading", List.of("dropped.body", "dropped.retry")),
                new Case("handset fault", List.of(Snap.idle().state(CallState.OUT_OF_SERVICE)
                        .fault(Fault.HANDSET, "port gone").build()), ScreenKind.OUT_OF_SERVICE, "oos.heading",
                        List.of("oos.HANDSET", "oos.reception")),
                new Case("network fault", List.of(Snap.idle().state(CallState.OUT_OF_SERVICE)
                        .fault(Fault.NETWORK, "x").build()), ScreenKind.OUT_OF_SERVICE, "oos.heading",
                        List.of("oos.NETWORK", "oos.heals", "oos.reception")),
                new Case("registration fault", List.of(Snap.idle().state(CallState.OUT_OF_SERVICE)
                        .fault(Fault.REGISTRATION, "403").build()), ScreenKind.OUT_OF_SERVICE,
                        "oos.heading.REGISTRATION", List.of("oos.REGISTRATION", "oos.heals", "oos.try")),
                new Case("left off hook", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.ANSWERED)
                        .leftOffhook(true).build()), ScreenKind.LEFT_OFFHOOK, "offhook.heading",
                        List.of("offhook.body", "offhook.why")),
                new Case("call-back", List.of(Snap.idle().state(CallState.INCOMING).callId("c7").build()),
                        ScreenKind.INCOMING, "incoming.heading", List.of("incoming.body", "incoming.others")),
                new Case("rating", List.of(Snap.call(CallState.TALKING, "c1").answeredAt(t0).build(),
                        Snap.idle().callId("c1").outcome(Outcome.ANSWERED).endedBy(EndedBy.PATIENT).build()),
                        ScreenKind.RATING, "rating.heading", List.of("rating.question", "rating.skip")));
    }

    static Stream<Arguments> languages() {
        return Texts.LANGUAGES.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyStateShowsItsOwnWords(Locale language) {
        open(Kiosks.ui(language));
        Texts t = Texts.of(language);
        for (Case c : cases()) {
            publish(Snap.idle().build());
            c.snapshots().forEach(this::publish);
            assertEquals(c.kind(), screen(), c.name());
            assertEquals(t.get(c.headingKey()), heading(), c.name());
            List<String> shown = texts();
            for (String key : c.keys()) {
                assertTrue(shown.contains(t.get(key)), c.name() + ": missing '" + t.get(key) + "' in " + shown);
            }
            assertTrue(shown.contains(t.get("language.switch")), c.name() + ": language button");
        }
    }

    @Test
    void configuredHotlineAndOfficeAppearWhereThePatientNeedsThem() {
        open(Kiosks.ui(Texts.ENGLISH));
        Texts t = Texts.of(Texts.ENGLISH);
        assertTrue(texts().contains(t.format("info.hotline", Kiosks.HOTLINE)), "ready screen shows the hotline");
        publish(Snap.call(CallState.ENDED, "c1").outcome(Outcome.BUSY).build());
        List<String> busy = texts();
        assertTrue(busy.contains(t.get("notreached.hotline")), busy.toString());
        assertTrue(busy.contains(Kiosks.HOTLINE), "the number on its own line: " + busy);
        assertTrue(busy.contains(t.format("info.office", Kiosks.OFFICE_EN)), busy.toString());
        assertTrue(busy.contains(t.format("info.hours", Kiosks.HOURS_EN)), busy.toString());
        publish(Snap.idle().state(CallState.OUT_OF_SERVICE).fault(Fault.NETWORK, "down").build());
        assertTrue(texts().contains(t.get("oos.hotline")));
        assertTrue(texts().contains(Kiosks.ORGANISATION_EN), "organisation in the top bar, in English");
    }

    @Test
    void emptyOfficeLinesAreLeftOut() {
        open(Kiosks.uiWithoutOffice(Texts.RUSSIAN));
        publish(Snap.call(CallState.ENDED, "c1").outcome(Outcome.NO_ANSWER).build());
        Texts t = Texts.of(Texts.RUSSIAN);
        List<String> shown = texts();
        assertFalse(shown.contains(t.get("notreached.office")), shown.toString());
        assertFalse(shown.stream().anyMatch(s -> s.startsWith(t.format("info.hours", "").strip())), shown.toString());
        assertTrue(shown.contains(Kiosks.HOTLINE), "hotline still shown");
    }

    @Test
    void talkingShowsTheCallTime() {
        open(Kiosks.ui(Texts.ENGLISH));
        publish(Snap.call(CallState.TALKING, "c1").answeredAt(Kiosks.START.minusSeconds(83)).build());
        assertTrue(texts().contains("Call time: 1:23"), texts().toString());
        clock.advance(Duration.ofSeconds(60));
        Wait.until("the timer to tick", WAIT, () -> texts().contains("Call time: 2:23"));
    }

    @Test
    void theSpeakingSignFollowsTheEarpieceAndTheVolumeLevelIsShown() {
        open(Kiosks.ui(Texts.RUSSIAN));
        publish(Snap.call(CallState.TALKING, "c1").answeredAt(Kiosks.START).build());
        Texts t = Texts.of(Texts.RUSSIAN);
        assertFalse(visible("speaking"), "nobody speaks yet");
        assertTrue(texts().contains(t.format("talking.volume", 5, 9)), texts().toString());
        calls.setEarpiece(new EarpieceLevel(true, 2, 4));
        Wait.until("the speaking sign", WAIT, () -> visible("speaking"));
        Wait.until("the volume level", WAIT, () -> texts().contains(t.format("talking.volume", 7, 9)));
        calls.setEarpiece(new EarpieceLevel(false, 2, 4));
        Wait.until("the speaking sign to go", WAIT, () -> !visible("speaking"));
    }

    @Test
    void aLowRatingSaysWhereElseToTurn() {
        open(Kiosks.ui(Texts.ENGLISH));
        talkAndHangUp("c1");
        click("star-1");
        Texts t = Texts.of(Texts.ENGLISH);
        assertEquals(ScreenKind.THANKS, screen());
        List<String> shown = texts();
        assertTrue(shown.contains(t.get("rating.sorry")), shown.toString());
        assertTrue(shown.contains(Kiosks.HOTLINE), shown.toString());
        click("thanks-done");
        assertEquals(ScreenKind.READY, screen());
    }

    @Test
    void withoutEnglishValuesTheProperNamesStayAsConfigured() {
        open(Kiosks.uiRussianOnly(Texts.ENGLISH));
        publish(Snap.call(CallState.ENDED, "c1").outcome(Outcome.NO_ANSWER).build());
        Texts t = Texts.of(Texts.ENGLISH);
        assertTrue(texts().contains(Kiosks.ORGANISATION), texts().toString());
        assertTrue(texts().contains(t.format("info.office", Kiosks.OFFICE)), texts().toString());
    }

    @Test
    void aDeploymentsOwnWordsReplaceTheBuiltInOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("messages_ru.properties"),
                "# our own words\nready.heading=Снимите трубку — вам ответит «Забота»\n");
        UiConfig base = Kiosks.ui(Texts.RUSSIAN);
        open(new UiConfig(base.language(), base.organisation(), base.hotline(), base.officeAddress(),
                base.officeHours(), true, base.servicePinHash(), true, "", "", "", false, "", null, dir));
        assertEquals("Снимите трубку — вам ответит «Забота»", heading());
        click("language");
        assertEquals(Texts.of(Texts.ENGLISH).get("ready.heading"), heading(), "English keeps the built-in");
    }

    private boolean visible(String id) {
        return kiosk.visible(id);
    }

    // ---- buttons --------------------------------------------------------------------------------------------

    @Test
    void keypadSendsDigitsAndVolumeButtonsAskForVolume() {
        open(Kiosks.ui(Texts.RUSSIAN));
        publish(Snap.call(CallState.TALKING, "c1").answeredAt(Kiosks.START).build());
        for (String key : List.of("key-1", "key-5", "key-0", "key-star", "key-hash")) {
            click(key);
        }
        click("volume-up");
        click("volume-up");
        click("volume-down");
        Wait.until("events", WAIT, () -> calls.posted.size() >= 8);
        assertEquals(List.of('1', '5', '0', '*', '#'),
                calls.posted(CallEvent.KeypadPressed.class).stream().map(CallEvent.KeypadPressed::digit).toList());
        assertEquals(List.of(1, 1, -1),
                calls.posted(CallEvent.VolumeRequested.class).stream().map(CallEvent.VolumeRequested::steps)
                        .toList());
    }

    @Test
    void languageButtonSwitchesForThisPatientOnly() {
        open(Kiosks.ui(Texts.RUSSIAN));
        assertEquals(Texts.of(Texts.RUSSIAN).get("ready.heading"), heading());
        click("language");
        assertEquals(Texts.of(Texts.ENGLISH).get("ready.heading"), heading());
        publish(Snap.call(CallState.DIALING, "c1").build());
        assertEquals("Connecting you", heading());
        publish(Snap.call(CallState.TALKING, "c1").answeredAt(Kiosks.START).build());
        assertEquals("You are connected", heading());
        publish(Snap.idle().callId("c1").outcome(Outcome.ANSWERED).endedBy(EndedBy.PATIENT).build());
        assertEquals("Thank you for calling", heading(), "the rating is still in the patient's language");
        click("rating-skip");
        assertEquals(Texts.of(Texts.RUSSIAN).get("ready.heading"), heading(), "back to ui.language");
    }

    @Test
    void languageGoesBackWhenTheReadyScreenIsLeftAlone() {
        open(Kiosks.ui(Texts.RUSSIAN));
        click("language");
        assertEquals("Lift the handset", heading());
        clock.advance(KioskView.LANGUAGE_IDLE);
        Wait.until("Russian again", WAIT, () -> heading().equals("Снимите трубку"));
    }

    @Test
    void rightsInformationChangesAndMovesSlightly() {
        open(Kiosks.ui(Texts.RUSSIAN));
        String first = text("rights-text");
        double[] firstPlace = FxTesting.onFx(() -> new double[] {stage.getScene().lookup("#rights").getTranslateX(),
            stage.getScene().lookup("#rights").getTranslateY()});
        assertTrue(first.length() > 10, first);
        clock.advance(Duration.ofSeconds(RightsTicker.ROTATE_S));
        Wait.until("the next text", WAIT, () -> !text("rights-text").equals(first));
        clock.advance(Duration.ofSeconds(RightsTicker.SHIFT_S));
        Wait.until("a small move", WAIT, () -> FxTesting.onFx(() -> {
            Node rights = stage.getScene().lookup("#rights");
            double dx = rights.getTranslateX() - firstPlace[0];
            double dy = rights.getTranslateY() - firstPlace[1];
            return (dx != 0 || dy != 0) && Math.abs(dx) <= 12 && Math.abs(dy) <= 12;
        }));
    }

    private String text(String id) {
        return kiosk.text(id);
    }

    @Test
    void ratingIsStoredSkippableAndGoesAwayByItself() {
        open(Kiosks.ui(Texts.RUSSIAN));
        talkAndHangUp("c1");
        assertEquals(ScreenKind.RATING, screen());
        click("star-4");
        assertEquals(ScreenKind.THANKS, screen(), "a thank-you first");
        assertTrue(texts().contains(Texts.of(Texts.RUSSIAN).get("rating.thanks")), texts().toString());
        clock.advance(CallViewModel.THANKS_TIME.plusSeconds(1));
        Wait.until("the thank-you to go away", WAIT, () -> screen() == ScreenKind.READY);
        Wait.until("the rating stored", WAIT, () -> desk.ratingsGiven.contains("c1:4"));

        talkAndHangUp("c2");
        click("rating-skip");
        assertEquals(ScreenKind.READY, screen());

        talkAndHangUp("c3");
        clock.advance(CallViewModel.RATING_TIMEOUT.plusSeconds(1));
        Wait.until("the rating question to go away", WAIT, () -> screen() == ScreenKind.READY);

        publish(Snap.call(CallState.ENDED, "c4").outcome(Outcome.BUSY).build());
        publish(Snap.idle().callId("c4").outcome(Outcome.BUSY).endedBy(EndedBy.PATIENT).build());
        assertEquals(ScreenKind.READY, screen(), "no rating after an unanswered call");
        assertEquals(List.of("c1:4"), desk.ratingsGiven);
        assertEquals(Set.of("kiosk-ui-worker"), desk.threads, "ratings are stored off the FX thread");
    }

    private void talkAndHangUp(String callId) {
        publish(Snap.call(CallState.DIALING, callId).build());
        publish(Snap.call(CallState.TALKING, callId).answeredAt(clock.instant()).build());
        publish(Snap.idle().callId(callId).outcome(Outcome.ANSWERED).endedBy(EndedBy.PATIENT).build());
    }

    // ---- service screen -------------------------------------------------------------------------------------

    /** Holds the top-left corner until the PIN pad shows (the test's hold time is 300 ms). */
    private void holdCorner() {
        robot.moveTo(20, 20);
        robot.press(MouseButton.PRIMARY);
        try {
            Wait.until("the PIN pad", WAIT, this::pinPadShown);
        } finally {
            robot.release(MouseButton.PRIMARY);
        }
        FxTesting.settle();
    }

    /** Holds the top-left corner for five times the hold time, watching that nothing opens. */
    private void holdCornerInVain() {
        robot.moveTo(20, 20);
        robot.press(MouseButton.PRIMARY);
        try {
            NegativeWait.never("the PIN pad to open", Duration.ofMillis(1500), this::pinPadShown);
        } finally {
            robot.release(MouseButton.PRIMARY);
        }
        FxTesting.settle();
    }

    private boolean pinPadShown() {
        return kiosk.visible("pin-pad") && kiosk.serviceOpen();
    }

    private boolean panelShown() {
        return kiosk.servicePanelShown();
    }

    private String pinMessage() {
        return FxTesting.onFx(() -> stage.getScene().lookup("#pin-message") instanceof Label l ? l.getText() : "");
    }

    private void enterPin(String pin) {
        for (char c : pin.toCharArray()) {
            click("pin-" + c);
        }
        click("pin-ok");
        Wait.until("the PIN checked", WAIT, () -> !pinMessage().equals(Texts.of(Texts.ENGLISH)
                .get("service.pin.checking")));
    }

    @Test
    void servicePinOpensTheServiceScreenAndFiveWrongOnesLockItForFiveMinutes() {
        open(Kiosks.ui(Texts.ENGLISH));
        holdCorner();
        assertTrue(pinPadShown(), "PIN pad after holding the corner");
        for (int i = 1; i <= 4; i++) {
            enterPin("1111");
            assertEquals("Wrong PIN. Tries left: " + (5 - i), pinMessage());
        }
        enterPin("1111");
        assertTrue(pinMessage().startsWith("Locked until "), pinMessage());
        enterPin(Kiosks.PIN);
        assertFalse(panelShown(), "the right PIN does not open while locked");
        assertTrue(pinMessage().startsWith("Locked until "), pinMessage());

        clock.advance(ServiceGate.LOCK.minusSeconds(10));
        Wait.until("the PIN pad to close after 2 minutes untouched", WAIT, () -> !pinPadShown());
        holdCorner();
        assertTrue(pinPadShown(), "PIN pad again");
        assertTrue(pinMessage().startsWith("Locked until "), "still locked 10 s before the end: " + pinMessage());
        enterPin(Kiosks.PIN);
        assertFalse(panelShown(), "still locked 10 s before the end");
        clock.advance(Duration.ofSeconds(11));
        enterPin(Kiosks.PIN);
        Wait.until("the service screen", WAIT, this::panelShown);

        Wait.until("the status", WAIT, () -> texts().contains("Handset device: /dev/ttyUSB0 text, connected"));
        assertTrue(texts().contains("Calls today: 14 (answered 12, busy 2)"), texts().toString());
        assertTrue(texts().contains("Ratings: 9, average 4.6"), texts().toString());
        assertTrue(texts().contains("State: IDLE, registered: yes"), texts().toString());
        assertTrue(texts().stream().anyMatch(s -> s.contains("answered") && s.contains("sip:reps@pbx.example")));
        click("service-audio-test");
        Wait.until("the audio self-test", WAIT, () -> texts().contains("audio ok: tone heard at -12 dBFS"));
        click("service-reload");
        Wait.until("the reload", WAIT, () -> desk.reloads.get() == 1 && texts().contains("ok"));
        click("service-leave");
        Wait.until("leaving the kiosk", WAIT, () -> desk.leaves.get() == 1);
        click("service-test-call");
        assertEquals(1, calls.posted(CallEvent.TestCallRequested.class).size());
        click("service-close");
        assertFalse(kiosk.serviceOpen());
        assertFalse(desk.threads.isEmpty());
        assertFalse(desk.threads.stream().anyMatch(name -> name.contains("JavaFX")),
                "the service desk is never called on the FX thread: " + desk.threads);
    }

    @Test
    void serviceScreenClosesWhenUntouchedAndWhenACallStarts() {
        open(Kiosks.ui(Texts.ENGLISH));
        holdCorner();
        enterPin(Kiosks.PIN);
        Wait.until("the service screen", WAIT, this::panelShown);
        clock.advance(ServiceAccess.IDLE_CLOSE);
        Wait.until("closing after 2 minutes", WAIT, () -> !kiosk.serviceOpen());

        holdCorner();
        assertTrue(pinPadShown(), "PIN pad again");
        enterPin(Kiosks.PIN);
        Wait.until("the service screen", WAIT, this::panelShown);
        publish(Snap.call(CallState.DIALING, "c1").build());
        assertFalse(kiosk.serviceOpen(), "a call closes it");
        assertEquals(ScreenKind.CONNECTING, screen());

        publish(Snap.call(CallState.TALKING, "c1").answeredAt(clock.instant()).build());
        holdCornerInVain();
        assertFalse(pinPadShown(), "never reachable during a call");
    }

    @Test
    void noPinHashMeansNoServiceScreen() {
        UiConfig closed = new UiConfig(Texts.RUSSIAN, "", Kiosks.HOTLINE, "", "", true, Secret.NONE, true);
        open(closed);
        holdCornerInVain();
        assertFalse(pinPadShown());
        assertTrue(texts().contains(Texts.of(Texts.RUSSIAN).get("top.organisation.default")));
    }

    // ---- hardening ------------------------------------------------------------------------------------------

    private void assertCoversTheScreen(String after) {
        Rectangle2D screen = FxTesting.onFx(() -> Screen.getPrimary().getBounds());
        FxTesting.settle();
        assertTrue(FxTesting.onFx(() -> stage.isShowing()), after + ": showing");
        assertTrue(FxTesting.onFx(() -> stage.isFullScreen()), after + ": full screen");
        assertEquals(screen.getWidth(), FxTesting.onFx(() -> stage.getWidth()), after + ": width");
        assertEquals(screen.getHeight(), FxTesting.onFx(() -> stage.getHeight()), after + ": height");
        assertEquals(0.0, FxTesting.onFx(() -> stage.getX()), after + ": x");
        assertEquals(0.0, FxTesting.onFx(() -> stage.getY()), after + ": y");
    }

    @Test
    void keysAndCloseRequestsLeaveTheWindowOpenAndFullScreen() {
        open(Kiosks.ui(Texts.RUSSIAN));
        assertCoversTheScreen("start");
        assertEquals(FxTesting.SCREEN_W, FxTesting.onFx(() -> stage.getScene().getWidth()), 0.5);
        robot.push(KeyCode.ESCAPE);
        assertCoversTheScreen("Escape");
        robot.push(KeyCode.F11);
        assertCoversTheScreen("F11");
        robot.push(KeyCode.ALT, KeyCode.F4);
        assertCoversTheScreen("Alt+F4");
        FxTesting.onFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertCoversTheScreen("close request");
        FxTesting.onFx(() -> stage.setFullScreen(false));
        FxTesting.settle();
        assertCoversTheScreen("leaving full screen");
        FxTesting.onFx(() -> {
            stage.setWidth(640);
            stage.setHeight(480);
        });
        FxTesting.settle();
        assertCoversTheScreen("resize");
        FxTesting.onFx(() -> stage.setIconified(true));
        FxTesting.settle();
        assertFalse(FxTesting.onFx(() -> stage.isIconified()), "iconified");
        assertEquals(Cursor.NONE, FxTesting.onFx(() -> stage.getScene().getCursor()));
    }

    @Test
    void noContextMenusAndNoSelectableText() {
        open(Kiosks.ui(Texts.RUSSIAN));
        AtomicBoolean reached = new AtomicBoolean();
        FxTesting.onFx(() -> {
            Scene scene = stage.getScene();
            Node heading = scene.lookup("#heading");
            heading.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> reached.set(true));
            Event.fireEvent(heading, new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10, 10, 10,
                    false, null));
        });
        assertFalse(reached.get(), "context menu request reached the node");
        assertNull(FxTesting.onFx(() -> stage.getScene().lookup(".text-input")), "no text field");
    }

    @Test
    void survivesOutOfServiceAndBack() {
        open(Kiosks.ui(Texts.RUSSIAN));
        publish(Snap.idle().state(CallState.OUT_OF_SERVICE).fault(Fault.HANDSET, "gone").handsetConnected(false)
                .build());
        assertEquals(ScreenKind.OUT_OF_SERVICE, screen());
        publish(Snap.idle().build());
        assertEquals(ScreenKind.READY, screen());
        assertEquals(Texts.of(Texts.RUSSIAN).get("ready.heading"), heading());
        assertCoversTheScreen("after out of service");
    }
}
