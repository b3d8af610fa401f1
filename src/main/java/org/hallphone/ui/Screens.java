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
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.EarpieceLevel;
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
        builders.put(ScreenKind.DROPPED, this::dropped);
        builders.put(ScreenKind.THANKS, this::thanks);
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
                body(t.get("ready.body")), emphasis(t.get("ready.free")), body(t.get("ready.help")),
                next(emphasis(t.get("ready.private")))));
        Node page = page(in, ScreenKind.READY, t.get("ready.heading"), lines, pageFooter(in, rights.node()));
        page.lookup("#heading").getStyleClass().add(Styles.HEADING_LARGE);
        return new Screen(page, rights::tick);
    }

    private Screen afterHours(ScreenInput in) {
        Texts t = in.texts();
        RightsTicker rights = new RightsTicker(t);
        rights.tick(clock.instant());
        List<Node> lines = List.of(body(t.get("afterhours.body")), next(emphasis(t.get("afterhours.centre"))));
        Node page = page(in, ScreenKind.AFTER_HOURS, t.get("afterhours.heading"), lines,
                pageFooter(in, rights.node()));
        page.lookup("#heading").getStyleClass().add(Styles.HEADING_LARGE);
        return new Screen(page, rights::tick);
    }

    private Screen connecting(ScreenInput in) {
        Texts t = in.texts();
        CallSnapshot s = in.snapshot();
        List<Node> lines = new ArrayList<>();
        lines.add(next(body(t.get("connecting.body"))));
        if (s.state() == CallState.RINGING) {
            lines.add(body(t.get("connecting.ringing")));
        }
        if (s.attempt() > 1) {
            // no attempt number, no "another representative": the plan may try the same one again
            lines.add(emphasis(t.get("connecting.attempt")));
        }
        if (s.afterHours()) {
            lines.add(body(t.get("connecting.afterhours")));
        }
        Label waited = body("");
        waited.setId("waited");
        lines.add(waited);
        lines.add(next(body(t.get("connecting.moves-on"))));
        Node page = page(in, ScreenKind.CONNECTING, t.get("connecting.heading"), lines, null);
        List<Node> dots = new ArrayList<>(page.lookupAll("." + Pictograms.DOT));
        List<Node> marks = new ArrayList<>(page.lookupAll("." + Pictograms.RING_MARK));
        boolean ringing = s.state() == CallState.RINGING;
        Instant from = in.model().waitingSince().isAfter(Instant.MIN) ? in.model().waitingSince() : s.since();
        return new Screen(page, now -> {
            // one dot after another, a second each: a filled disc for done, a ring for still to come
            int lit = Math.floorMod(now.getEpochSecond(), dots.size());
            for (int i = 0; i < dots.size(); i++) {
                dots.get(i).getStyleClass().remove(Pictograms.DOT_LIT);
                if (i <= lit) {
                    dots.get(i).getStyleClass().add(Pictograms.DOT_LIT);
                }
            }
            // while it rings, the marks beside the handset come and go once a second (0.5 Hz)
            boolean show = ringing && now.getEpochSecond() % 2 == 0;
            marks.forEach(m -> m.setVisible(show));
            waited.setText(t.format("connecting.waited", clockText(from, now)));
        });
    }

    private Screen talking(ScreenInput in) {
        Texts t = in.texts();
        CallSnapshot s = in.snapshot();
        double px = in.fontPx();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("talking.body")));
        String organisation = in.ui().organisation(t.locale());
        if (!organisation.isBlank()) {
            lines.add(body(t.format("talking.with", organisation)));
        }
        // the signs row: "the representative is speaking", the hearing loop; room for more (an encrypted call)
        Label speaking = label(Styles.SPEAKING_SIGN, t.get("talking.speaking"));
        speaking.setId("speaking");
        speaking.setMaxWidth(Region.USE_PREF_SIZE);
        speaking.setVisible(false);
        HBox signs = new HBox(px * 0.6, speaking);
        signs.getStyleClass().add(Styles.SIGNS);
        signs.setId("talking-signs");
        signs.setAlignment(Pos.CENTER_LEFT);
        if (in.ui().hearingLoop()) {
            Node loop = Pictograms.hearingLoop(px * 1.8);
            loop.setId("hearing-loop");
            signs.getChildren().add(0, loop);
        }
        lines.add(signs);
        Label timer = label(Styles.TIMER, "");
        timer.setId("call-timer");
        lines.add(timer);
        if (s.encrypted()) {
            lines.add(lockSign(t.get("talking.encrypted"), in.fontPx()));
        }
        if (s.nearMaxDuration()) {
            Label warning = emphasis(t.get("talking.near-end"));
            warning.getStyleClass().add(Styles.WARNING_BAND);
            warning.setId("near-end");
            lines.add(next(warning));
        }
        Button louder = button(Styles.ACTION_BUTTON, t.get("talking.louder"), "volume-up");
        louder.setGraphic(Pictograms.speaker(px * 1.5, true));
        louder.setGraphicTextGap(px * 0.4);
        louder.setOnAction(e -> in.model().changeVolume(+1));
        Button quieter = button(Styles.ACTION_BUTTON, t.get("talking.quieter"), "volume-down");
        quieter.setGraphic(Pictograms.speaker(px * 1.5, false));
        quieter.setGraphicTextGap(px * 0.4);
        quieter.setOnAction(e -> in.model().changeVolume(-1));
        HBox bar = new HBox(px * 0.12);
        bar.setAlignment(Pos.BOTTOM_LEFT);
        bar.setId("volume-bar");
        HBox volume = new HBox(px * 0.5, quieter, bar, louder);
        volume.setAlignment(Pos.CENTER_LEFT);
        lines.add(volume);
        Label level = body("");
        level.setId("volume-level");
        lines.add(level);
        lines.add(body(t.get("talking.hard-to-hear")));
        lines.add(next(emphasis(t.get("talking.end"))));

        VBox texts = texts(t.get("talking.heading"), lines);
        Label keypadHint = body(t.get("talking.keypad"));
        VBox keypad = new VBox(px * 0.4, keypadHint, keypad(in));
        keypad.setMinWidth(px * 10);
        keypad.setMaxWidth(px * 10);
        Node picture = Pictograms.of(ScreenKind.TALKING, px * (in.portrait() ? 6 : 6.5));
        List<Node> waves = new ArrayList<>(picture.lookupAll("." + Pictograms.WAVE));
        waves.forEach(w -> w.setVisible(false));
        Pane layout;
        if (in.portrait()) {
            VBox column = new VBox(px * 1.0, picture, texts, keypad);
            keypad.setMaxWidth(Double.MAX_VALUE);
            layout = column;
        } else {
            VBox left = new VBox(px * 0.4, picture);
            left.setAlignment(Pos.TOP_CENTER);
            HBox row = new HBox(px * 1.2, left, texts, keypad);
            HBox.setHgrow(texts, Priority.ALWAYS);
            row.setAlignment(Pos.CENTER_LEFT);
            layout = row;
        }
        Instant answeredAt = s.answeredAt() != null ? s.answeredAt() : s.since();
        int[] shownStep = {Integer.MIN_VALUE};
        return new Screen(centred(layout, null),
                now -> timer.setText(t.format("talking.timer", clockText(answeredAt, now))),
                earpiece -> {
                    speaking.setVisible(earpiece.farEndSpeaking());
                    waves.forEach(w -> w.setVisible(earpiece.farEndSpeaking()));
                    if (earpiece.volumeStep() != shownStep[0]) {
                        shownStep[0] = earpiece.volumeStep();
                        showVolume(t, bar, level, earpiece, px);
                    }
                });
    }

    /** The volume as a row of bars, low to high: filled up to the setting, outlined above it. */
    private static void showVolume(Texts t, HBox bar, Label level, EarpieceLevel earpiece, double px) {
        int count = 2 * earpiece.maxVolumeSteps() + 1;
        int on = earpiece.volumeStep() + earpiece.maxVolumeSteps() + 1;
        bar.getChildren().clear();
        for (int i = 1; i <= count; i++) {
            Region segment = new Region();
            double h = px * (0.5 + 1.3 * i / count);
            segment.setMinSize(px * 0.42, h);
            segment.setPrefSize(px * 0.42, h);
            segment.setMaxSize(px * 0.42, h);
            segment.getStyleClass().add(i <= on ? Styles.VOLUME_SEGMENT_ON : Styles.VOLUME_SEGMENT);
            bar.getChildren().add(segment);
        }
        level.setText(t.format("talking.volume", on, count));
    }

    private Screen ended(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("ended.body")));
        if (in.snapshot().endedBy() == EndedBy.TIMEOUT) {
            lines.add(body(t.get("ended.timeout")));
        }
        lines.add(next(emphasis(t.get("ended.hang-up"))));
        lines.add(next(body(t.get("ended.more"))));
        return Screen.still(page(in, ScreenKind.ENDED, t.get("ended.heading"), lines, null));
    }

    private Screen dropped(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("dropped.body")));
        lines.add(next(emphasis(t.get("dropped.retry"))));
        addHotline(in, lines, "notreached.hotline");
        Node office = office(in);
        if (office != null) {
            lines.add(body(t.get("notreached.office")));
            lines.add(next(office));
        }
        return Screen.still(page(in, ScreenKind.DROPPED, t.get("dropped.heading"), lines, null));
    }

    private Screen notReached(ScreenInput in) {
        Texts t = in.texts();
        Outcome outcome = in.snapshot().lastOutcome();
        String heading = outcome == Outcome.BUSY ? "busy.heading"
                : outcome == Outcome.NO_ANSWER ? "noanswer.heading" : "failed.heading";
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("notreached.body")));
        lines.add(next(emphasis(t.get("notreached.retry"))));
        addHotline(in, lines, "notreached.hotline");
        Node office = office(in);
        if (office != null) {
            lines.add(body(t.get("notreached.office")));
            lines.add(next(office));
        }
        lines.add(next(body(t.get("notreached.pay"))));
        return Screen.still(page(in, ScreenKind.NOT_REACHED, t.get(heading), lines, null));
    }

    private Screen outOfService(ScreenInput in) {
        Texts t = in.texts();
        CallSnapshot s = in.snapshot();
        Fault fault = s.fault();
        List<Node> lines = new ArrayList<>();
        lines.add(body(fault == null ? t.get("oos.unknown") : t.get("oos." + fault.name())));
        if (fault == Fault.HANDSET || fault == null) {
            // a broken handset does not mend itself: the reception desk first
            lines.add(next(emphasis(t.get("oos.reception"))));
        } else {
            lines.add(body(t.get("oos.heals")));
        }
        if (fault == Fault.REGISTRATION) {
            // the flow still tries to call when lifted: say so, it may well work
            lines.add(next(emphasis(t.get("oos.try"))));
        }
        addHotline(in, lines, "oos.hotline");
        Node office = office(in);
        if (office != null) {
            lines.add(next(office));
        }
        if (fault != Fault.HANDSET && fault != null) {
            lines.add(next(body(t.get("oos.reception"))));
        }
        String heading = fault == Fault.REGISTRATION ? "oos.heading.REGISTRATION" : "oos.heading";
        return Screen.still(page(in, ScreenKind.OUT_OF_SERVICE, t.get(heading), lines, null));
    }

    private Screen leftOffhook(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = List.of(body(t.get("offhook.body")), next(emphasis(t.get("offhook.why"))));
        return Screen.still(page(in, ScreenKind.LEFT_OFFHOOK, t.get("offhook.heading"), lines, null));
    }

    private Screen incoming(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = List.of(next(emphasis(t.get("incoming.body"))), next(body(t.get("incoming.others"))));
        Node page = page(in, ScreenKind.INCOMING, t.get("incoming.heading"), lines, null);
        List<Node> marks = new ArrayList<>(page.lookupAll("." + Pictograms.RING_MARK));
        // for those who cannot hear the ring: the marks come and go once a second (0.5 Hz, far below 3 flashes/s)
        return new Screen(page, now -> marks.forEach(m -> m.setVisible(now.getEpochSecond() % 2 == 0)));
    }

    private Screen rating(ScreenInput in) {
        Texts t = in.texts();
        double px = in.fontPx();
        HBox stars = new HBox(px * 0.45);
        for (int n = 1; n <= 5; n++) {
            int given = n;
            Button star = button(Styles.STAR_BUTTON, Integer.toString(n), "star-" + n);
            // the button shows as many stars as it gives: its meaning is visible without reading
            HBox row = new HBox(px * 0.04);
            for (int i = 0; i < n; i++) {
                row.getChildren().add(Pictograms.star(px * 0.95));
            }
            row.setAlignment(Pos.CENTER);
            star.setGraphic(row);
            star.setAccessibleText(t.format("rating.star", n));
            star.setMinWidth(px * 5.6);
            star.setPrefWidth(px * 5.6);
            star.setOnAction(e -> in.model().rate(given));
            stars.getChildren().add(star);
        }
        Label low = label(Styles.SCALE_LABEL, t.get("rating.low-label"));
        low.setMaxWidth(Region.USE_PREF_SIZE);
        low.setId("rating-low");
        Label high = label(Styles.SCALE_LABEL, t.get("rating.high-label"));
        high.setMaxWidth(Region.USE_PREF_SIZE);
        high.setId("rating-high");
        Region between = new Region();
        HBox.setHgrow(between, Priority.ALWAYS);
        HBox scale = new HBox(low, between, high);
        VBox scaled = new VBox(px * 0.2, stars, scale);
        scaled.setMaxWidth(Region.USE_PREF_SIZE);
        scaled.setFillWidth(true);
        Button skip = button(Styles.SECONDARY_BUTTON, t.get("rating.skip"), "rating-skip");
        skip.setOnAction(e -> in.model().skipRating());
        List<Node> lines = List.of(emphasis(t.get("rating.question")), body(t.get("rating.hint")), next(scaled),
                skip);
        return Screen.still(page(in, ScreenKind.RATING, t.get("rating.heading"), lines, null));
    }

    private Screen thanks(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = new ArrayList<>();
        if (in.model().thankedStars() > 0 && in.model().thankedStars() <= 2) {
            // "you did not help": the patient who most needs another way
            lines.add(next(emphasis(t.get("rating.sorry"))));
            addHotline(in, lines, "rating.sorry-hotline");
            Node office = office(in);
            if (office != null) {
                lines.add(body(t.get("notreached.office")));
                lines.add(next(office));
            }
        } else {
            lines.add(next(body(t.get("ready.body"))));
        }
        Button done = button(Styles.SECONDARY_BUTTON, t.get("rating.done"), "thanks-done");
        done.setOnAction(e -> in.model().endThanks());
        lines.add(done);
        return Screen.still(page(in, ScreenKind.THANKS, t.get("rating.thanks"), lines, null));
    }

    // ---- building blocks ------------------------------------------------------------------------------------

    /** Pictogram and texts side by side (landscape) or stacked (portrait), then an optional footer. */
    private static Node page(ScreenInput in, ScreenKind kind, String heading, List<Node> lines, Node footer) {
        VBox texts = texts(heading, lines);
        Node picture = Pictograms.of(kind, in.fontPx() * (in.portrait() ? 8 : 7.5));
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

    /** The rights panel and the information panel of the ready screens. */
    private static Node pageFooter(ScreenInput in, Node rights) {
        VBox footer = new VBox(rights);
        footer.setSpacing(12);
        Node info = info(in);
        if (info != null) {
            footer.getChildren().add(info);
        }
        return footer;
    }

    /** Hotline, office address and hours, hearing loop and the written route, each only when configured. */
    private static Node info(ScreenInput in) {
        Texts t = in.texts();
        VBox box = new VBox();
        if (!in.ui().hotline().isBlank()) {
            box.getChildren().add(body(t.format("info.hotline", in.ui().hotline())));
        }
        addOfficeLines(in, box);
        if (in.ui().hearingLoop()) {
            Label loop = body(t.get("info.loop"));
            loop.setGraphic(Pictograms.hearingLoop(in.fontPx() * 1.8));
            loop.setGraphicTextGap(in.fontPx() * 0.5);
            loop.setId("info-loop");
            box.getChildren().add(loop);
        }
        if (!in.ui().textRoute().isBlank()) {
            Label route = body(t.format("info.deaf", in.ui().textRoute()));
            route.setId("info-deaf");
            Node qr = qrImage(in);
            if (qr != null) {
                HBox row = new HBox(in.fontPx() * 0.6, qr, route);
                row.setAlignment(Pos.CENTER_LEFT);
                HBox.setHgrow(route, Priority.ALWAYS);
                box.getChildren().add(row);
            } else {
                box.getChildren().add(route);
            }
        }
        if (box.getChildren().isEmpty()) {
            return null;
        }
        box.getStyleClass().add(Styles.INFO_PANEL);
        box.setId("info");
        return box;
    }

    /** The configured picture of the written route (a QR code), or null when there is none or it cannot be read. */
    private static Node qrImage(ScreenInput in) {
        if (in.ui().textRouteQr() == null) {
            return null;
        }
        try (var stream = java.nio.file.Files.newInputStream(in.ui().textRouteQr())) {
            Image image = new Image(stream);
            if (image.isError()) {
                return null;
            }
            ImageView view = new ImageView(image);
            view.setFitHeight(in.fontPx() * 3.5);
            view.setPreserveRatio(true);
            view.setId("info-qr");
            return view;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The hotline: the words, then the number large, the most useful thing on a screen of bad news. */
    private static void addHotline(ScreenInput in, List<Node> lines, String key) {
        if (in.ui().hotline().isBlank()) {
            return;
        }
        lines.add(body(in.texts().get(key)));
        Label number = label(Styles.HOTLINE_NUMBER, in.ui().hotline());
        number.setId("hotline-number");
        lines.add(next(number));
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
        String address = in.ui().officeAddress(t.locale());
        String hours = in.ui().officeHours(t.locale());
        if (!address.isBlank()) {
            box.getChildren().add(body(t.format("info.office", address)));
        }
        if (!hours.isBlank()) {
            box.getChildren().add(body(t.format("info.hours", hours)));
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

    /** Marks a line as a next step for the patient (what to do now). */
    static <T extends Node> T next(T node) {
        node.getStyleClass().add(Styles.NEXT_STEP);
        return node;
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
