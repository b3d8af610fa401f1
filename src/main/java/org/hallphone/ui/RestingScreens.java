package org.hallphone.ui;

import static org.hallphone.ui.ScreenParts.body;
import static org.hallphone.ui.ScreenParts.emphasis;
import static org.hallphone.ui.ScreenParts.next;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The screens of a terminal at rest: ready (lift the handset) and ready outside office hours (the 24-hour
 * centre answers). Both have a large heading and, at the bottom, the rotating rights panel and the information
 * panel (hotline, office, hearing loop, the written route for the deaf).
 */
final class RestingScreens {

    private final Clock clock;

    RestingScreens(Clock clock) {
        this.clock = clock;
    }

    Screen ready(ScreenInput in) {
        Texts t = in.texts();
        return resting(in, ScreenKind.READY, "ready.heading", List.of(
                body(t.get("ready.body")), emphasis(t.get("ready.free")), body(t.get("ready.help")),
                next(emphasis(t.get("ready.private")))));
    }

    Screen afterHours(ScreenInput in) {
        Texts t = in.texts();
        return resting(in, ScreenKind.AFTER_HOURS, "afterhours.heading", List.of(
                body(t.get("afterhours.body")), next(emphasis(t.get("afterhours.centre")))));
    }

    private Screen resting(ScreenInput in, ScreenKind kind, String headingKey, List<Node> lines) {
        RightsTicker rights = new RightsTicker(in.texts());
        rights.tick(clock.instant());
        Node page = ScreenParts.page(in, kind, in.texts().get(headingKey), lines, footer(in, rights.node()));
        page.lookup("#heading").getStyleClass().add(Styles.HEADING_LARGE);
        return new Screen(page, rights::tick);
    }

    /** The rights panel and, when anything is configured for it, the information panel. */
    private static Node footer(ScreenInput in, Node rights) {
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
        List<Node> lines = new ArrayList<>();
        if (!in.ui().hotline().isBlank()) {
            lines.add(body(t.format("info.hotline", in.ui().hotline())));
        }
        lines.addAll(ScreenParts.officeLines(in));
        if (in.ui().hearingLoop()) {
            Label loop = body(t.get("info.loop"));
            loop.setGraphic(Pictograms.hearingLoop(in.fontPx() * 1.8));
            loop.setGraphicTextGap(in.fontPx() * 0.5);
            loop.setId("info-loop");
            lines.add(loop);
        }
        if (!in.ui().textRoute().isBlank()) {
            lines.add(textRoute(in));
        }
        return ScreenParts.infoPanel("info", lines);
    }

    /** "Cannot hear? Write to us at ...", with the configured QR picture beside it when there is one. */
    private static Node textRoute(ScreenInput in) {
        Label route = body(in.texts().format("info.deaf", in.ui().textRoute()));
        route.setId("info-deaf");
        Node qr = qrImage(in);
        if (qr == null) {
            return route;
        }
        HBox row = new HBox(in.fontPx() * 0.6, qr, route);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(route, Priority.ALWAYS);
        return row;
    }

    /** The configured picture of the written route (a QR code), or null when there is none or it cannot be read. */
    private static Node qrImage(ScreenInput in) {
        if (in.ui().textRouteQr() == null) {
            return null;
        }
        try (InputStream stream = Files.newInputStream(in.ui().textRouteQr())) {
            Image image = new Image(stream);
            if (image.isError()) {
                return null;
            }
            ImageView view = new ImageView(image);
            view.setFitHeight(in.fontPx() * 3.5);
            view.setPreserveRatio(true);
            view.setId("info-qr");
            return view;
        } catch (IOException e) {
            return null;
        }
    }
}
