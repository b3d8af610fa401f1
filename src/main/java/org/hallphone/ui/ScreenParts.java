package org.hallphone.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The building blocks every screen is made of: the page (a pictogram beside or above the texts), the texts
 * column, labels and buttons in the kiosk's styles, and the lines that tell a patient where else to turn (the
 * hotline, the office). Also used by the top bar and the service screen for their labels and buttons.
 */
final class ScreenParts {

    private ScreenParts() {
    }

    /** Pictogram and texts side by side (landscape) or stacked (portrait), then an optional footer. */
    static Node page(ScreenInput in, ScreenKind kind, String heading, List<Node> lines, Node footer) {
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
    static Node centred(Node block, Node footer) {
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

    /** The heading (node id {@code heading}) and the lines under it. */
    static VBox texts(String heading, List<Node> lines) {
        Label title = label(Styles.HEADING, heading);
        title.setId("heading");
        VBox texts = new VBox(title);
        texts.getChildren().addAll(lines);
        texts.getStyleClass().add(Styles.TEXTS);
        texts.setFillWidth(true);
        return texts;
    }

    // ---- where else to turn ---------------------------------------------------------------------------------

    /** The hotline: the words, then the number large, the most useful thing on a screen of bad news. */
    static void addHotline(ScreenInput in, List<Node> lines, String key) {
        if (in.ui().hotline().isBlank()) {
            return;
        }
        lines.add(body(in.texts().get(key)));
        Label number = label(Styles.HOTLINE_NUMBER, in.ui().hotline());
        number.setId("hotline-number");
        lines.add(next(number));
    }

    /** The hotline, then "or come to the office" and the office panel, each only when configured. */
    static void addHotlineAndOffice(ScreenInput in, List<Node> lines, String hotlineKey) {
        addHotline(in, lines, hotlineKey);
        Node office = office(in);
        if (office != null) {
            lines.add(body(in.texts().get("notreached.office")));
            lines.add(next(office));
        }
    }

    /** The office address and hours in a panel (node id {@code office}), or null when neither is configured. */
    static Node office(ScreenInput in) {
        return infoPanel("office", officeLines(in));
    }

    /** The office address and hours, each only when configured. */
    static List<Node> officeLines(ScreenInput in) {
        Texts t = in.texts();
        String address = in.ui().officeAddress(t.locale());
        String hours = in.ui().officeHours(t.locale());
        List<Node> lines = new ArrayList<>();
        if (!address.isBlank()) {
            lines.add(body(t.format("info.office", address)));
        }
        if (!hours.isBlank()) {
            lines.add(body(t.format("info.hours", hours)));
        }
        return lines;
    }

    /** {@code lines} in an information panel with node id {@code id}, or null when there are none. */
    static Node infoPanel(String id, List<Node> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        VBox box = new VBox();
        box.getChildren().addAll(lines);
        box.getStyleClass().add(Styles.INFO_PANEL);
        box.setId(id);
        return box;
    }

    // ---- labels and buttons ---------------------------------------------------------------------------------

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

    /** A wrapping label in {@code style} that is never squeezed below its text's height. */
    static Label label(String style, String text) {
        Label label = new Label(text);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    /** A button in {@code style} with node id {@code id}, never squeezed, never focused (a touch screen). */
    static Button button(String style, String text, String id) {
        Button button = new Button(text);
        button.getStyleClass().add(style);
        button.setId(id);
        button.setFocusTraversable(false);
        button.setMinHeight(Region.USE_PREF_SIZE);
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    /** Minutes and seconds from {@code from} to {@code now}, such as {@code 1:05} (never negative). */
    static String clockText(Instant from, Instant now) {
        long seconds = Math.max(0, Duration.between(from, now).toSeconds());
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
