package org.hallphone.ui;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;

/**
 * A kiosk window shown on a new stage of the headless screen ({@link FxTesting}), and what it renders, read on
 * the FX thread: the tests look at the scene, as a patient would, not into the window's parts. Close it after the
 * test (the window's timers and worker stop, the stage hides).
 */
public final class ShownKiosk implements AutoCloseable {

    private final KioskWindow window;
    private final Stage stage;

    private ShownKiosk(KioskWindow window, Stage stage) {
        this.window = window;
        this.stage = stage;
    }

    /** Starts the toolkit if needed, shows a window for {@code ctx} and waits until it has rendered. */
    public static ShownKiosk open(KioskContext ctx) {
        return open(new KioskWindow(ctx));
    }

    static ShownKiosk open(KioskWindow window) {
        FxTesting.start();
        Stage stage = FxTesting.onFx(() -> {
            Stage s = new Stage();
            window.show(s);
            return s;
        });
        FxTesting.settle();
        return new ShownKiosk(window, stage);
    }

    public Stage stage() {
        return stage;
    }

    /** The node of the scene that {@code selector} finds ({@code #id} or {@code .class}), or null. FX thread. */
    public Node lookup(String selector) {
        return stage.getScene().lookup(selector);
    }

    /** The text of the label or button with node id {@code id}; empty when there is none. */
    public String text(String id) {
        return FxTesting.onFx(() -> lookup("#" + id) instanceof Labeled l ? l.getText() : "");
    }

    /** True when the node with {@code id} is in the scene and it and all its parents are visible. */
    public boolean visible(String id) {
        return FxTesting.onFx(() -> {
            Node node = lookup("#" + id);
            for (Node n = node; n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return node != null;
        });
    }

    /** The patient screen shown now, by its node id ({@code screen-ready} and so on); null when none is. */
    ScreenKind screen() {
        return FxTesting.onFx(() -> {
            for (ScreenKind kind : ScreenKind.values()) {
                if (lookup("#" + kind.nodeId()) != null) {
                    return kind;
                }
            }
            return null;
        });
    }

    /** The PIN pad or the service screen covers the patient screen. */
    boolean serviceOpen() {
        return visible("service-overlay");
    }

    /** The service screen itself (past the PIN pad) is shown. */
    boolean servicePanelShown() {
        return visible("service-screen");
    }

    @Override
    public void close() {
        FxTesting.onFx(window::close);
    }
}
