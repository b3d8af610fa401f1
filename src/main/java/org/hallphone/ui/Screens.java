package org.hallphone.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Fault;
import org.hallphone.call.Outcome;

/**
 * Builds the patient's screens, one builder per {@link ScreenKind} in a map. Every screen is a pictogram beside
 * (landscape) or above (portrait) a heading and a few short lines; nothing here blocks or talks to the call flow
 * except the buttons, through the view model.
 */
final class Screens {

    /** The keypad of the contact centre's voice menu, row by row (RFC 4733 events 0-9, *, #). */
    static final String KEYPAD = "123456789*0#";

    private final Map<ScreenKind, Function<ScreenInput, Screen>> builders = new EnumMap<>(ScreenKind.class);
    private final Clock clock;

    Screens(Clock clock) {
        this.clock = clock;
        builders.put(ScreenKind.READY, this::ready);
        builders.put(ScreenKind.AFTER_HOURS, this::afterHours);
        builders.put(ScreenKind.CONNECTING, this::connecting);
        builders.put(ScreenKind.TALKING, this::talking);
        builders.put(ScreenKind.ENDED, this::ended);
        builders.put(ScreenKind.NOT_REACHED, this::notReached);
        builders.put(ScreenKind.OUT_OF_SERVICE, this::outOfService);
        builders.put(ScreenKind.LEFT_OFFHOOK, this::leftOffhook);
        builders.put(ScreenKind.INCOMING, this::incoming);
        builders.put(ScreenKind.RATING, this::rating);
    }

    Screen build(ScreenKind kind, ScreenInput in) {
        Screen screen = builders.get(kind).apply(in);
        screen.node().setId("screen-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return screen;
    }

    // ---- the screens ----------------------------------------------------------------------------------------

    private Screen ready(ScreenInput in) {
        Texts t = in.texts();
        RightsTicker rights = new RightsTicker(t);
        rights.tick(clock.instant());
        List<Node> lines = new ArrayList<>(List.of(
                body(t.get("ready.body")), emphasis(t.get("ready.free")), body(t.get("ready.help"))));
        Node page = page(in, ScreenKind.READY, t.get("ready.heading"), lines, pageFooter(rights.node(), info(in)));
        page.lookup("#heading").getStyleClass().add(Styles.HEADING_LARGE);
        return new Screen(page, rights::tick);
    }

    private Screen afterHours(ScreenInput in) {
        Texts t = in.texts();
        RightsTicker rights = new RightsTicker(t);
        rights.tick(clock.instant());
        List<Node> lines = List.of(body(t.get("afterhours.body")), emphasis(t.get("afterhours.centre")));
        Node page = page(in, ScreenKind.AFTER_HOURS, t.get("afterhours.heading"), lines,
                pageFooter(rights.node(), info(in)));
        page.lookup("#heading").getStyleClass().add(Styles.HEADING_LARGE);
        return new Screen(page, rights::tick);
    }

    private Screen connecting(ScreenInput in) {
        Texts t = in.texts();
        CallSnapshot s = in.snapshot();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("connecting.body")));
        if (s.attempt() > 1) {
            lines.add(emphasis(t.format("connecting.attempt", s.attempt())));
        } else if (s.state() == CallState.RINGING) {
            lines.add(body(t.get("connecting.ringing")));
        }
        if (s.afterHours()) {
            lines.add(body(t.get("connecting.afterhours")));
        }
        lines.add(note(t.get("connecting.moves-on")));
        Node page = page(in, ScreenKind.CONNECTING, t.get("connecting.heading"), lines, null);
        List<Node> dots = new ArrayList<>(page.lookupAll("." + Pictograms.DOT));
        return new Screen(page, now -> {
            // one dot after another, a second each: something is happening even when nothing is heard yet
            int lit = Math.floorMod(now.getEpochSecond(), dots.size());
            for (int i = 0; i < dots.size(); i++) {
                dots.get(i).setOpacity(i <= lit ? 1.0 : 0.35);
            }
        });
    }

    private Screen talking(ScreenInput in) {
        Texts t = in.texts();
        CallSnapshot s = in.snapshot();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("talking.body")));
        if (!in.ui().organisation().isBlank()) {
            lines.add(body(t.format("talking.with", in.ui().organisation())));
        }
        Label timer = label(Styles.TIMER, "");
        timer.setId("call-timer");
        lines.add(timer);
        if (s.encrypted()) {
            lines.add(lockSign(t.get("talking.encrypted"), in.fontPx()));
        }
        if (s.nearMaxDuration()) {
            lines.add(emphasis(t.get("talking.near-end")));
        }
        Button louder = button(Styles.ACTION_BUTTON, t.get("talking.louder"), "volume-up");
        louder.setOnAction(e -> in.model().changeVolume(+1));
        Button quieter = button(Styles.ACTION_BUTTON, t.get("talking.quieter"), "volume-down");
        quieter.setOnAction(e -> in.model().changeVolume(-1));
        HBox volume = new HBox(in.fontPx() * 0.6, quieter, louder);
        lines.add(volume);

        VBox texts = texts(t.get("talking.heading"), lines);
        Label keypadHint = body(t.get("talking.keypad"));
        VBox keypad = new VBox(in.fontPx() * 0.4, keypadHint, keypad(in));
        keypad.setMinWidth(in.fontPx() * 12);
        keypad.setMaxWidth(in.fontPx() * 12);
        Node picture = Pictograms.of(ScreenKind.TALKING, in.fontPx() * 6);
        Pane layout;
        if (in.portrait()) {
            VBox column = new VBox(in.fontPx() * 1.2, picture, texts, keypad);
            keypad.setMaxWidth(Double.MAX_VALUE);
            layout = column;
        } else {
            HBox left = new HBox(in.fontPx() * 1.5, picture, texts);
            left.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(texts, Priority.ALWAYS);
            HBox.setHgrow(left, Priority.ALWAYS);
            HBox row = new HBox(in.fontPx() * 1.5, left, keypad);
            row.setAlignment(Pos.CENTER_LEFT);
            layout = row;
        }
        Instant answeredAt = s.answeredAt() != null ? s.answeredAt() : s.since();
        return new Screen(centred(layout, null),
                now -> timer.setText(t.format("talking.timer", clockText(answeredAt, now))));
    }

    private Screen ended(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("ended.body")));
        if (in.snapshot().endedBy() == EndedBy.TIMEOUT) {
            lines.add(body(t.get("ended.timeout")));
        }
        lines.add(emphasis(t.get("ended.hang-up")));
        return Screen.still(page(in, ScreenKind.ENDED, t.get("ended.heading"), lines, null));
    }

    private Screen notReached(ScreenInput in) {
        Texts t = in.texts();
        Outcome outcome = in.snapshot().lastOutcome();
        String heading = outcome == Outcome.BUSY ? "busy.heading"
                : outcome == Outcome.NO_ANSWER ? "noanswer.heading" : "failed.heading";
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("notreached.body")));
        lines.add(emphasis(t.get("notreached.retry")));
        if (!in.ui().hotline().isBlank()) {
            lines.add(emphasis(t.format("notreached.hotline", in.ui().hotline())));
        }
        Node office = office(in);
        if (office != null) {
            lines.add(body(t.get("notreached.office")));
            lines.add(office);
        }
        return Screen.still(page(in, ScreenKind.NOT_REACHED, t.get(heading), lines, null));
    }

    private Screen outOfService(ScreenInput in) {
        Texts t = in.texts();
        CallSnapshot s = in.snapshot();
        List<Node> lines = new ArrayList<>();
        lines.add(body(s.fault() == null ? t.get("oos.unknown") : t.get("oos." + s.fault().name())));
        lines.add(body(t.get("oos.heals")));
        if (s.fault() == Fault.REGISTRATION) {
            // the flow still tries to call when lifted: say so, it may well work
            lines.add(emphasis(t.get("oos.try")));
        }
        if (!in.ui().hotline().isBlank()) {
            lines.add(emphasis(t.format("oos.hotline", in.ui().hotline())));
        }
        Node office = office(in);
        if (office != null) {
            lines.add(office);
        }
        return Screen.still(page(in, ScreenKind.OUT_OF_SERVICE, t.get("oos.heading"), lines, null));
    }

    private Screen leftOffhook(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = List.of(body(t.get("offhook.body")), emphasis(t.get("offhook.why")));
        return Screen.still(page(in, ScreenKind.LEFT_OFFHOOK, t.get("offhook.heading"), lines, null));
    }

    private Screen incoming(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = List.of(emphasis(t.get("incoming.body")));
        return Screen.still(page(in, ScreenKind.INCOMING, t.get("incoming.heading"), lines, null));
    }

    private Screen rating(ScreenInput in) {
        Texts t = in.texts();
        HBox stars = new HBox(in.fontPx() * 0.6);
        for (int n = 1; n <= 5; n++) {
            int stars1 = n;
            Button star = button(Styles.STAR_BUTTON, Integer.toString(n), "star-" + n);
            star.setGraphic(Pictograms.star(in.fontPx() * 2.2));
            star.setAccessibleText(t.format("rating.star", n));
            star.setMinWidth(in.fontPx() * 4);
            star.setOnAction(e -> in.model().rate(stars1));
            stars.getChildren().add(star);
        }
        Button skip = button(Styles.SECONDARY_BUTTON, t.get("rating.skip"), "rating-skip");
        skip.setOnAction(e -> in.model().skipRating());
        List<Node> lines = List.of(emphasis(t.get("rating.question")), stars, note(t.get("rating.hint")), skip);
        return Screen.still(page(in, ScreenKind.RATING, t.get("rating.heading"), lines, null));
    }

    // ---- building blocks ------------------------------------------------------------------------------------

    /** Pictogram and texts side by side (landscape) or stacked (portrait), then an optional footer. */
    private static Node page(ScreenInput in, ScreenKind kind, String heading, List<Node> lines, Node footer) {
        VBox texts = texts(heading, lines);
        Node picture = Pictograms.of(kind, in.fontPx() * (in.portrait() ? 6 : 7.5));
        Pane top;
        if (in.portrait()) {
            VBox column = new VBox(in.fontPx() * 0.8, picture, texts);
            column.setAlignment(Pos.TOP_LEFT);
            top = column;
        } else {
            HBox row = new HBox(in.fontPx() * 1.5, picture, texts);
            row.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(texts, Priority.ALWAYS);
            top = row;
        }
        return centred(top, footer);
    }

    /** The main block in the middle of the free height, an optional footer at the bottom. */
    private static Node centred(Node block, Node footer) {
        Region above = new Region();
        Region below = new Region();
        VBox.setVgrow(above, Priority.ALWAYS);
        VBox.setVgrow(below, Priority.ALWAYS);
        VBox page = new VBox(above, block, below);
        page.getStyleClass().add(Styles.PAGE);
        if (footer != null) {
            page.getChildren().add(footer);
        }
        return page;
    }

    private static VBox texts(String heading, List<Node> lines) {
        Label title = label(Styles.HEADING, heading);
        title.setId("heading");
        VBox texts = new VBox(title);
        texts.getChildren().addAll(lines);
        texts.getStyleClass().add(Styles.TEXTS);
        texts.setFillWidth(true);
        return texts;
    }

    private static Node pageFooter(Node rights, Node info) {
        VBox footer = new VBox(rights);
        footer.setSpacing(12);
        if (info != null) {
            footer.getChildren().add(info);
        }
        return footer;
    }

    /** Hotline, office address and hours, each line only when configured; null when none is. */
    private static Node info(ScreenInput in) {
        Texts t = in.texts();
        VBox box = new VBox();
        if (!in.ui().hotline().isBlank()) {
            box.getChildren().add(body(t.format("info.hotline", in.ui().hotline())));
        }
        addOfficeLines(in, box);
        if (box.getChildren().isEmpty()) {
            return null;
        }
        box.getStyleClass().add(Styles.INFO_PANEL);
        box.setId("info");
        return box;
    }

    private static Node office(ScreenInput in) {
        VBox box = new VBox();
        addOfficeLines(in, box);
        if (box.getChildren().isEmpty()) {
            return null;
        }
        box.getStyleClass().add(Styles.INFO_PANEL);
        box.setId("office");
        return box;
    }

    private static void addOfficeLines(ScreenInput in, VBox box) {
        Texts t = in.texts();
        if (!in.ui().officeAddress().isBlank()) {
            box.getChildren().add(body(t.format("info.office", in.ui().officeAddress())));
        }
        if (!in.ui().officeHours().isBlank()) {
            box.getChildren().add(body(t.format("info.hours", in.ui().officeHours())));
        }
    }

    private static GridPane keypad(ScreenInput in) {
        GridPane grid = new GridPane();
        double gap = in.fontPx() * 0.35;
        double size = in.fontPx() * 2.6;
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

    static String clockText(Instant from, Instant now) {
        long seconds = Math.max(0, Duration.between(from, now).toSeconds());
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** The small lock beside "this call is encrypted" (SRTP): a padlock drawn as one path, in the text's colour. */
    private static Label lockSign(String text, double fontPx) {
        javafx.scene.shape.SVGPath lock = new javafx.scene.shape.SVGPath();
        lock.setContent("M3 7V5a5 5 0 0 1 10 0v2h1v9H2V7h1zm2 0h6V5a3 3 0 0 0-6 0v2z");
        lock.getStyleClass().add("lock-sign");
        double scale = fontPx * 0.8 / 16;
        lock.setScaleX(scale);
        lock.setScaleY(scale);
        Label sign = body(text);
        sign.setId("media-lock");
        sign.setGraphic(new javafx.scene.Group(lock));
        sign.setGraphicTextGap(fontPx * 0.4);
        return sign;
    }

    static Label body(String text) {
        return label(Styles.BODY, text);
    }

    static Label emphasis(String text) {
        return label(Styles.EMPHASIS, text);
    }

    static Label note(String text) {
        return label(Styles.NOTE, text);
    }

    static Label label(String style, String text) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    static Button button(String style, String text, String id) {
        Button button = new Button(text);
        button.getStyleClass().add(style);
        button.setId(id);
        button.setFocusTraversable(false);
        button.setMinHeight(Region.USE_PREF_SIZE);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }
}
