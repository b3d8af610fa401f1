package org.hallphone.ui;

import java.time.Duration;
import java.util.Objects;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk window. The composition root starts the toolkit ({@code Platform.startup}) and then, on the FX
 * thread, calls {@code new KioskWindow(ctx).show(stage)}; {@link #close()} takes it down (after
 * {@link ServiceDesk#leaveKiosk()}, or at shutdown).
 */
public final class KioskWindow {

    private static final Logger LOG = LoggerFactory.getLogger(KioskWindow.class);

    private final KioskContext ctx;
    private final Duration cornerHold;
    private BackgroundWork work;
    private CallViewModel model;
    private KioskView view;
    private KioskHardening hardening;
    private Stage stage;

    public KioskWindow(KioskContext ctx) {
        this(ctx, KioskView.CORNER_HOLD);
    }

    KioskWindow(KioskContext ctx, Duration cornerHold) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.cornerHold = cornerHold;
    }

    /**
     * Opens the kiosk on {@code stage} (not yet shown, so that it can be undecorated), full screen, and starts
     * following the call flow. Call once, on the FX thread.
     */
    public void show(Stage stage) {
        if (this.stage != null) {
            throw new IllegalStateException("the kiosk window is already shown");
        }
        this.stage = stage;
        work = new BackgroundWork();
        model = new CallViewModel(ctx.calls(), ctx.clock(), ctx.ui().language(), ctx.ui().rating(), ctx.ratings(),
                work);
        view = new KioskView(ctx, model, work, cornerHold);
        Rectangle2D bounds = javafx.stage.Screen.getPrimary().getBounds();
        Scene scene = new Scene(view.root(), bounds.getWidth(), bounds.getHeight());
        scene.getStylesheets().add(stylesheet());
        scene.addEventFilter(KeyEvent.ANY, view::onKey);
        hardening = KioskHardening.apply(stage, scene, ctx.ui().hideCursor());
        stage.setTitle(Texts.of(ctx.ui().language()).get("window.title"));
        stage.setScene(scene);
        stage.show();
        hardening.coverScreen();
        model.attach();
        view.start();
        LOG.info("kiosk window shown on {}x{}", (int) bounds.getWidth(), (int) bounds.getHeight());
    }

    /** Stops following the call flow, stops the timers and the worker thread, and hides the window. FX thread. */
    public void close() {
        if (stage == null) {
            return;
        }
        hardening.release();
        view.stop();
        model.detach();
        work.close();
        stage.hide();
        LOG.info("kiosk window closed");
    }

    /** The style sheet's URL, for scenes that show the kiosk's content. */
    static String stylesheet() {
        return Objects.requireNonNull(KioskWindow.class.getResource(Styles.STYLESHEET), Styles.STYLESHEET)
                .toExternalForm();
    }
}
