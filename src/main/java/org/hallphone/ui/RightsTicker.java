package org.hallphone.ui;

import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Short information on patients' rights under OMS for the ready screen: the text changes every
 * {@link #ROTATE_S} seconds and the panel moves by a few pixels every {@link #SHIFT_S} seconds, so that no
 * bright edge stays in one place for hours (burn-in of LCD and OLED panels).
 */
final class RightsTicker {

    /** Slow enough for slow readers (WCAG 2.2.2 asks for a way to pause anything faster). */
    static final int ROTATE_S = 15;
    static final int SHIFT_S = 60;
    /** Offsets in pixels the panel cycles through; small enough that nobody notices. */
    private static final double[][] OFFSETS = {{0, 0}, {6, 3}, {12, 0}, {6, -3}, {0, -6}, {-6, -3}, {-12, 0},
        {-6, 3}};

    private final Texts texts;
    private final int count;
    private final Label text;
    private final VBox panel;

    RightsTicker(Texts texts) {
        this.texts = texts;
        int n = 0;
        while (texts.has("rights." + (n + 1))) {
            n++;
        }
        this.count = n;
        Label title = ScreenParts.label(Styles.RIGHTS_TITLE, texts.get("rights.title"));
        this.text = ScreenParts.label(Styles.RIGHTS_TEXT, "");
        text.setId("rights-text");
        this.panel = new VBox(title, text);
        panel.getStyleClass().add(Styles.RIGHTS_PANEL);
        panel.setId("rights");
    }

    Node node() {
        return panel;
    }

    void tick(Instant now) {
        long seconds = now.getEpochSecond();
        if (count > 0) {
            text.setText(texts.get("rights." + (1 + Math.floorMod(seconds / ROTATE_S, count))));
        }
        double[] offset = OFFSETS[Math.floorMod(seconds / SHIFT_S, OFFSETS.length)];
        panel.setTranslateX(offset[0]);
        panel.setTranslateY(offset[1]);
    }
}
