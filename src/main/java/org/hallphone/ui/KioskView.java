package org.hallphone.ui;

import java.time.Duration;
import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.ManualHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's content: a top bar (organisation, language button), the patient screen of the moment, the demo's
 * handset button, the hidden service corner and the service overlay. Text scales with the window: the body is
 * {@link #BODY_PX} pixels on a 1080-line screen (its shorter side), headings 1.75 times that.
 */
final class KioskView {

    /** Body text size on a 1080-line screen, in pixels (headings are 56 px). */
    static final double BODY_PX = 32;
    /** How long the top-left corner must be held to open the service PIN pad. */
    static final Duration CORNER_HOLD = Duration.ofSeconds(5);
    /** Back to {@code ui.language} when the ready screen is left untouched this long in the other language. */
    static final Duration LANGUAGE_IDLE = Duration.ofMinutes(2);
    /** How often the earpiece is read for the "representative is speaking" sign and the volume level. */
    static final Duration EARPIECE_POLL = Duration.ofMillis(150);
    private static final Logger log = LoggerFactory.getLogger(KioskView.class);

    private final KioskContext ctx;
    private final CallViewModel model;
    private final BackgroundWork work;
    private final Screens screens;
    private final StackPane root = new StackPane();
    private final BorderPane main = new BorderPane();
    private final StackPane content = new StackPane();
    private final Label organisation = ScreenParts.label(Styles.ORGANISATION, "");
    private final Label freeCall = ScreenParts.label(Styles.FREE_CALL, "");
    private final Button language = ScreenParts.button(Styles.LANGUAGE_BUTTON, "", "language");
    private final Button hookButton = ScreenParts.button(Styles.ACTION_BUTTON, "", "hook");
    private final Label hookHint = ScreenParts.note("");
    private final ServiceAccess service;
    private final SecondTicker ticker = new SecondTicker(this::tick);
    /** Polls the far end's level for the speaking sign; runs only while the talking screen is shown. */
    private final Timeline earpiece;
    private final TextOverrides overrides;
    private final PauseTransition cornerHold;
    private Screen current = Screen.still(new Region());
    private boolean portrait;
    private double fontPx = BODY_PX;
    private Instant lastTouch;

    KioskView(KioskContext ctx, CallViewModel model, BackgroundWork work, Duration cornerHold) {
        this.ctx = ctx;
        this.model = model;
        this.work = work;
        this.screens = new Screens(ctx.clock());
        this.overrides = overrides(ctx);
        this.lastTouch = ctx.clock().instant();
        root.getStyleClass().add(Styles.KIOSK);
        root.setId("kiosk");

        main.setTop(topBar());
        main.setCenter(content);
        content.setAlignment(Pos.TOP_LEFT);
        ctx.simulatedHook().ifPresent(hook -> main.setBottom(hookBar(hook)));

        this.cornerHold = new PauseTransition(javafx.util.Duration.millis(cornerHold.toMillis()));
        Region corner = serviceCorner();

        StackPane overlay = new StackPane();
        overlay.setId("service-overlay");
        this.service = new ServiceAccess(ctx, model, work, overlay);
        this.cornerHold.setOnFinished(e -> service.openPinPad());

        root.getChildren().addAll(main, corner, overlay);
        root.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> lastTouch = ctx.clock().instant());

        model.screenProperty().addListener((o, was, now) -> render());
        model.localeProperty().addListener((o, was, now) -> render());
        model.snapshotProperty().addListener((o, was, now) -> {
            render();
            service.show(now);
        });
        root.widthProperty().addListener((o, was, now) -> resize());
        root.heightProperty().addListener((o, was, now) -> resize());

        earpiece = new Timeline(new KeyFrame(javafx.util.Duration.millis(EARPIECE_POLL.toMillis()),
                e -> pollEarpiece()));
        earpiece.setCycleCount(Timeline.INDEFINITE);
        render();
    }

    /** The hidden top-left corner: held for the corner-hold time, it opens the service PIN pad. */
    private Region serviceCorner() {
        Region corner = new Region();
        corner.setId("service-corner");
        corner.setPickOnBounds(true);
        corner.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        corner.setPrefSize(120, 120);
        StackPane.setAlignment(corner, Pos.TOP_LEFT);
        corner.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> cornerHold.playFromStart());
        corner.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> cornerHold.stop());
        corner.addEventHandler(MouseEvent.MOUSE_EXITED, e -> cornerHold.stop());
        return corner;
    }

    /** The deployment's own words; checked at start already, so a problem here only falls back to built-in. */
    private static TextOverrides overrides(KioskContext ctx) {
        try {
            return TextOverrides.load(ctx.ui().textsDir());
        } catch (IllegalArgumentException e) {
            log.warn("screen texts of ui.texts-dir not used: {}", e.getMessage());
            return TextOverrides.NONE;
        }
    }

    /** Reads the earpiece (a volatile read, never blocks) and hands it to the screen. */
    void pollEarpiece() {
        current.live().accept(ctx.calls().earpiece());
    }

    Parent root() {
        return root;
    }

    void start() {
        ticker.start();
    }

    void stop() {
        ticker.stop();
        earpiece.stop();
        cornerHold.stop();
    }

    /** The space bar lifts and replaces the simulated handset (demo); call from a scene key filter. */
    void onKey(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE && ctx.simulatedHook().isPresent() && !service.isOpen()) {
            if (e.getEventType() == KeyEvent.KEY_PRESSED) {
                toggleHook(ctx.simulatedHook().get());
            }
            e.consume();
        }
    }

    /** Every second: timers of the view model, the screen and the service screen. */
    void tick() {
        Instant now = ctx.clock().instant();
        model.tick(now);
        current.ticker().accept(now);
        service.tick(now);
        if (model.screen().atRest() && !model.locale().equals(model.homeLocale())
                && !now.isBefore(lastTouch.plus(LANGUAGE_IDLE))) {
            model.resetLanguage();
        }
    }

    private Node topBar() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(organisation, spacer, freeCall);
        if (ctx.demo()) {
            Label badge = ScreenParts.label(Styles.DEMO_BADGE, "");
            badge.setId("demo-badge");
            badge.setMaxWidth(Region.USE_PREF_SIZE);
            bar.getChildren().add(badge);
        }
        bar.getChildren().add(language);
        organisation.setMaxWidth(Region.USE_COMPUTED_SIZE);
        organisation.setWrapText(false);
        freeCall.setWrapText(false);
        freeCall.setMaxWidth(Region.USE_PREF_SIZE);
        organisation.setId("organisation");
        language.setOnAction(e -> model.toggleLanguage());
        bar.getStyleClass().add(Styles.TOP_BAR);
        return bar;
    }

    private Node hookBar(ManualHook hook) {
        hookButton.setOnAction(e -> toggleHook(hook));
        HBox bar = new HBox(hookButton, hookHint);
        bar.getStyleClass().add(Styles.HOOK_BAR);
        return bar;
    }

    private void toggleHook(ManualHook hook) {
        boolean lift = !model.snapshot().lifted();
        work.run(lift ? "lifting the simulated handset" : "replacing the simulated handset",
                () -> hook.setLifted(lift));
    }

    private void resize() {
        double w = root.getWidth();
        double h = root.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        double px = Math.max(16, Math.round(BODY_PX * Math.min(w, h) / 1080.0 * 10) / 10.0);
        boolean tall = h > w;
        if (px != fontPx || tall != portrait) {
            fontPx = px;
            portrait = tall;
            render();
        }
    }

    /** Rebuilds the screen for the current snapshot, language and size. */
    private void render() {
        root.setStyle("-fx-font-size: " + fontPx + "px;");
        CallSnapshot s = model.snapshot();
        Texts t = Texts.of(model.locale(), overrides);
        String name = ctx.ui().organisation(t.locale());
        organisation.setText(name.isBlank() ? t.get("top.organisation.default") : name);
        freeCall.setText(t.get("top.free"));
        language.setText(t.get("language.switch"));
        main.getTop().lookupAll("#demo-badge").forEach(n -> ((Label) n).setText(t.get("top.demo")));
        hookButton.setText(t.get(s.lifted() ? "hook.replace" : "hook.lift"));
        hookHint.setText(t.get("hook.hint"));
        current = screens.build(model.screen(), new ScreenInput(s, t, ctx.ui(), portrait, fontPx, model));
        current.ticker().accept(ctx.clock().instant());
        current.live().accept(ctx.calls().earpiece());
        content.getChildren().setAll(current.node());
        // a running Timeline keeps the toolkit's 60 Hz pulse going: only while there is speech to show
        if (model.screen() == ScreenKind.TALKING) {
            earpiece.play();
        } else {
            earpiece.stop();
        }
    }
}
