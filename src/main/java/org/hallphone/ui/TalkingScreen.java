package org.hallphone.ui;

import static org.hallphone.ui.ScreenParts.body;
import static org.hallphone.ui.ScreenParts.button;
import static org.hallphone.ui.ScreenParts.emphasis;
import static org.hallphone.ui.ScreenParts.label;
import static org.hallphone.ui.ScreenParts.next;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.EarpieceLevel;

/**
 * The talking screen: the call time, the "representative is speaking" sign (and sound waves on the pictogram),
 * the volume buttons and level, and the keypad of the contact centre's voice menu. One instance per rendering:
 * its fields are the parts that the ticker and the earpiece reading change.
 */
final class TalkingScreen {

    /** The keypad of the contact centre's voice menu, row by row (RFC 4733 events 0-9, *, #). */
    static final String KEYPAD = "123456789*0#";

    private final ScreenInput in;
    private final Texts t;
    private final double px;
    private final Label speaking;
    private final Label timer;
    private final HBox volumeBar = new HBox();
    private final Label volumeLevel = body("");
    private int shownStep = Integer.MIN_VALUE;

    private TalkingScreen(ScreenInput in) {
        this.in = in;
        this.t = in.texts();
        this.px = in.fontPx();
        speaking = label(Styles.SPEAKING_SIGN, t.get("talking.speaking"));
        speaking.setId("speaking");
        speaking.setMaxWidth(Region.USE_PREF_SIZE);
        speaking.setVisible(false);
        timer = label(Styles.TIMER, "");
        timer.setId("call-timer");
    }

    static Screen build(ScreenInput in) {
        return new TalkingScreen(in).screen();
    }

    private Screen screen() {
        VBox texts = ScreenParts.texts(t.get("talking.heading"), lines());
        VBox keypad = new VBox(px * 0.4, body(t.get("talking.keypad")), keypad());
        keypad.setMinWidth(px * 10);
        keypad.setMaxWidth(px * 10);
        Node picture = Pictograms.of(ScreenKind.TALKING, px * (in.portrait() ? 6 : 6.5));
        List<Node> waves = new ArrayList<>(picture.lookupAll("." + Pictograms.WAVE));
        waves.forEach(w -> w.setVisible(false));
        CallSnapshot s = in.snapshot();
        Instant answeredAt = s.answeredAt() != null ? s.answeredAt() : s.since();
        return new Screen(ScreenParts.centred(layout(picture, texts, keypad), null),
                now -> timer.setText(t.format("talking.timer", ScreenParts.clockText(answeredAt, now))),
                earpiece -> {
                    speaking.setVisible(earpiece.farEndSpeaking());
                    waves.forEach(w -> w.setVisible(earpiece.farEndSpeaking()));
                    if (earpiece.volumeStep() != shownStep) {
                        shownStep = earpiece.volumeStep();
                        showVolume(earpiece);
                    }
                });
    }

    /** Pictogram, texts and keypad in a column (portrait) or a row (landscape). */
    private Pane layout(Node picture, VBox texts, VBox keypad) {
        if (in.portrait()) {
            VBox column = new VBox(px * 1.0, picture, texts, keypad);
            keypad.setMaxWidth(Double.MAX_VALUE);
            return column;
        }
        VBox left = new VBox(px * 0.4, picture);
        left.setAlignment(Pos.TOP_CENTER);
        HBox row = new HBox(px * 1.2, left, texts, keypad);
        HBox.setHgrow(texts, Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private List<Node> lines() {
        CallSnapshot s = in.snapshot();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("talking.body")));
        String organisation = in.ui().organisation(t.locale());
        if (!organisation.isBlank()) {
            lines.add(body(t.format("talking.with", organisation)));
        }
        lines.add(signs());
        lines.add(timer);
        if (s.encrypted()) {
            lines.add(lockSign());
        }
        if (s.nearMaxDuration()) {
            Label warning = emphasis(t.get("talking.near-end"));
            warning.getStyleClass().add(Styles.WARNING_BAND);
            warning.setId("near-end");
            lines.add(next(warning));
        }
        lines.add(volumeButtons());
        volumeLevel.setId("volume-level");
        lines.add(volumeLevel);
        lines.add(body(t.get("talking.hard-to-hear")));
        lines.add(next(emphasis(t.get("talking.end"))));
        return lines;
    }

    /** The signs row: "the representative is speaking", the hearing loop; room for more. */
    private Node signs() {
        HBox signs = new HBox(px * 0.6, speaking);
        signs.getStyleClass().add(Styles.SIGNS);
        signs.setId("talking-signs");
        signs.setAlignment(Pos.CENTER_LEFT);
        if (in.ui().hearingLoop()) {
            Node loop = Pictograms.hearingLoop(px * 1.8);
            loop.setId("hearing-loop");
            signs.getChildren().add(0, loop);
        }
        return signs;
    }

    /** Quieter, the volume bar, louder. */
    private Node volumeButtons() {
        Button louder = volumeButton("talking.louder", "volume-up", true);
        louder.setOnAction(e -> in.model().changeVolume(+1));
        Button quieter = volumeButton("talking.quieter", "volume-down", false);
        quieter.setOnAction(e -> in.model().changeVolume(-1));
        volumeBar.setSpacing(px * 0.12);
        volumeBar.setAlignment(Pos.BOTTOM_LEFT);
        volumeBar.setId("volume-bar");
        HBox volume = new HBox(px * 0.5, quieter, volumeBar, louder);
        volume.setAlignment(Pos.CENTER_LEFT);
        return volume;
    }

    private Button volumeButton(String textKey, String id, boolean louder) {
        Button button = button(Styles.ACTION_BUTTON, t.get(textKey), id);
        button.setGraphic(Pictograms.speaker(px * 1.5, louder));
        button.setGraphicTextGap(px * 0.4);
        return button;
    }

    /** The volume as a row of bars, low to high: filled up to the setting, outlined above it. */
    private void showVolume(EarpieceLevel earpiece) {
        int count = 2 * earpiece.maxVolumeSteps() + 1;
        int on = earpiece.volumeStep() + earpiece.maxVolumeSteps() + 1;
        volumeBar.getChildren().clear();
        for (int i = 1; i <= count; i++) {
            Region segment = new Region();
            double height = px * (0.5 + 1.3 * i / count);
            segment.setMinSize(px * 0.42, height);
            segment.setPrefSize(px * 0.42, height);
            segment.setMaxSize(px * 0.42, height);
            segment.getStyleClass().add(i <= on ? Styles.VOLUME_SEGMENT_ON : Styles.VOLUME_SEGMENT);
            volumeBar.getChildren().add(segment);
        }
        volumeLevel.setText(t.format("talking.volume", on, count));
    }

    private GridPane keypad() {
        GridPane grid = new GridPane();
        double gap = px * 0.35;
        double size = px * 2.6;
        grid.setHgap(gap);
        grid.setVgap(gap);
        for (int i = 0; i < KEYPAD.length(); i++) {
            char digit = KEYPAD.charAt(i);
            Button key = button(Styles.KEY_BUTTON, String.valueOf(digit), "key-" + keyName(digit));
            key.setMinSize(size, size);
            key.setPrefSize(size, size);
            key.setOnAction(e -> in.model().pressKey(digit));
            grid.add(key, i % 3, i / 3);
        }
        return grid;
    }

    /** Node id suffix of a key: the digit, or "star" and "hash". */
    static String keyName(char digit) {
        return digit == '*' ? "star" : digit == '#' ? "hash" : String.valueOf(digit);
    }

    /** The small lock beside "this call is encrypted" (SRTP): a padlock drawn as one path, in the text's colour. */
    private Label lockSign() {
        SVGPath lock = new SVGPath();
        lock.setContent("M3 7V5a5 5 0 0 1 10 0v2h1v9H2V7h1zm2 0h6V5a3 3 0 0 0-6 0v2z");
        lock.getStyleClass().add("lock-sign");
        double scale = px * 0.8 / 16;
        lock.setScaleX(scale);
        lock.setScaleY(scale);
        Label sign = body(t.get("talking.encrypted"));
        sign.setId("media-lock");
        sign.setGraphic(new Group(lock));
        sign.setGraphicTextGap(px * 0.4);
        return sign;
    }
}
