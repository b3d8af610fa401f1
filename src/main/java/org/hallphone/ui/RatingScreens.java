package org.hallphone.ui;

import static org.hallphone.ui.ScreenParts.body;
import static org.hallphone.ui.ScreenParts.button;
import static org.hallphone.ui.ScreenParts.emphasis;
import static org.hallphone.ui.ScreenParts.label;
import static org.hallphone.ui.ScreenParts.next;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * After an answered call, back at rest: "how much did we help you?" with one to five stars, then a thank-you;
 * after a low rating the thank-you says where else to turn.
 */
final class RatingScreens {

    private RatingScreens() {
    }

    static Screen rating(ScreenInput in) {
        Texts t = in.texts();
        double px = in.fontPx();
        Label low = scaleLabel(t.get("rating.low-label"), "rating-low");
        Label high = scaleLabel(t.get("rating.high-label"), "rating-high");
        Region between = new Region();
        HBox.setHgrow(between, Priority.ALWAYS);
        HBox scale = new HBox(low, between, high);
        VBox scaled = new VBox(px * 0.2, stars(in), scale);
        scaled.setMaxWidth(Region.USE_PREF_SIZE);
        scaled.setFillWidth(true);
        Button skip = button(Styles.SECONDARY_BUTTON, t.get("rating.skip"), "rating-skip");
        skip.setOnAction(e -> in.model().skipRating());
        List<Node> lines = List.of(emphasis(t.get("rating.question")), body(t.get("rating.hint")), next(scaled),
                skip);
        return Screen.still(ScreenParts.page(in, ScreenKind.RATING, t.get("rating.heading"), lines, null));
    }

    /** Five buttons; each shows as many stars as it gives, so its meaning is visible without reading. */
    private static HBox stars(ScreenInput in) {
        double px = in.fontPx();
        HBox stars = new HBox(px * 0.45);
        for (int n = 1; n <= 5; n++) {
            int given = n;
            Button star = button(Styles.STAR_BUTTON, Integer.toString(n), "star-" + n);
            HBox row = new HBox(px * 0.04);
            for (int i = 0; i < n; i++) {
                row.getChildren().add(Pictograms.star(px * 0.95));
            }
            row.setAlignment(Pos.CENTER);
            star.setGraphic(row);
            star.setAccessibleText(in.texts().format("rating.star", n));
            star.setMinWidth(px * 5.6);
            star.setPrefWidth(px * 5.6);
            star.setOnAction(e -> in.model().rate(given));
            stars.getChildren().add(star);
        }
        return stars;
    }

    private static Label scaleLabel(String text, String id) {
        Label label = label(Styles.SCALE_LABEL, text);
        label.setMaxWidth(Region.USE_PREF_SIZE);
        label.setId(id);
        return label;
    }

    static Screen thanks(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = new ArrayList<>();
        int stars = in.model().thankedStars();
        if (stars > 0 && stars <= 2) {
            // "you did not help": the patient who most needs another way
            lines.add(next(emphasis(t.get("rating.sorry"))));
            ScreenParts.addHotlineAndOffice(in, lines, "rating.sorry-hotline");
        } else {
            lines.add(next(body(t.get("ready.body"))));
        }
        Button done = button(Styles.SECONDARY_BUTTON, t.get("rating.done"), "thanks-done");
        done.setOnAction(e -> in.model().endThanks());
        lines.add(done);
        return Screen.still(ScreenParts.page(in, ScreenKind.THANKS, t.get("rating.thanks"), lines, null));
    }
}
