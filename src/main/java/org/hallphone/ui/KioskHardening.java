package org.hallphone.ui;

import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the kiosk window covering the whole screen: full screen with no exit key, sized to the screen's bounds
 * as well (a bare X session with no window manager ignores the full-screen request), close requests and
 * Escape, F11 and Alt+F4 swallowed, full screen re-asserted when focus is lost, no context menus, and the mouse
 * cursor hidden when configured.
 */
final class KioskHardening {

    private static final Logger LOG = LoggerFactory.getLogger(KioskHardening.class);

    private final Stage stage;
    private boolean released;

    private KioskHardening(Stage stage) {
        this.stage = stage;
    }

    /** Hardens {@code stage}, which is about to show {@code scene}. Call on the FX thread before showing. */
    static KioskHardening apply(Stage stage, Scene scene, boolean hideCursor) {
        KioskHardening hardening = new KioskHardening(stage);
        try {
            stage.initStyle(StageStyle.UNDECORATED);
        } catch (IllegalStateException alreadyShown) {
            LOG.debug("stage already shown; keeping its decoration");
        }
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setResizable(false);
        stage.setAlwaysOnTop(true);
        hardening.coverScreen();
        stage.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, Event::consume);
        scene.addEventFilter(KeyEvent.ANY, e -> {
            if (isBlocked(e)) {
                e.consume();
            }
        });
        scene.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, Event::consume);
        if (hideCursor) {
            scene.setCursor(Cursor.NONE);
        }
        stage.fullScreenProperty().addListener((o, was, now) -> hardening.reassertLater());
        stage.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                hardening.reassertLater();
            }
        });
        stage.iconifiedProperty().addListener((o, was, now) -> hardening.reassertLater());
        stage.widthProperty().addListener((o, was, now) -> hardening.reassertLater());
        stage.heightProperty().addListener((o, was, now) -> hardening.reassertLater());
        return hardening;
    }

    /** Keys that would leave, shrink or close the window, or open a menu. */
    static boolean isBlocked(KeyEvent e) {
        KeyCode code = e.getCode();
        return code == KeyCode.ESCAPE
                || code == KeyCode.F11
                || code == KeyCode.CONTEXT_MENU
                || code == KeyCode.F4 && (e.isAltDown() || e.isControlDown())
                || code == KeyCode.W && e.isShortcutDown()
                || code == KeyCode.Q && e.isShortcutDown()
                || code == KeyCode.SPACE && e.isAltDown();
    }

    /** Stops re-asserting (the kiosk is being closed on purpose). */
    void release() {
        released = true;
    }

    /** The screen's bounds, and full screen once the stage shows. */
    void coverScreen() {
        Rectangle2D bounds = Screen.getPrimary().getBounds();
        if (stage.getX() != bounds.getMinX() || stage.getY() != bounds.getMinY()) {
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
        }
        if (stage.getWidth() != bounds.getWidth() || stage.getHeight() != bounds.getHeight()) {
            stage.setWidth(bounds.getWidth());
            stage.setHeight(bounds.getHeight());
        }
        if (stage.isIconified()) {
            stage.setIconified(false);
        }
        // Full screen only once shown: some platforms (Monocle) need the window to exist and have focus first.
        if (stage.isShowing() && !stage.isFullScreen()) {
            stage.setFullScreen(true);
        }
    }

    private void reassertLater() {
        Platform.runLater(() -> {
            if (!released && stage.isShowing()) {
                coverScreen();
            }
        });
    }
}
