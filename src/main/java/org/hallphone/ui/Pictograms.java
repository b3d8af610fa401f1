package org.hallphone.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * One pictogram per screen, drawn with shapes in a 200 x 200 box and scaled, so that a patient who cannot hear
 * the handset, or reads neither language well, still sees what is happening. The telephone is the familiar tilted
 * handset (as in the ISO 7001 public telephone sign), never an upright arch that reads as headphones. Colours come
 * from the CSS ({@code picto-fill}, {@code picto-line}); progress and state are shown by shape (a ring or a
 * disc, marks present or absent), never by faint opacity.
 */
final class Pictograms {

    /** Style class of the waiting dots, which the connecting screen lights one after another. */
    static final String DOT = "picto-dot";
    /** A waiting dot that is lit: a filled disc (an unlit one is a ring). */
    static final String DOT_LIT = "picto-dot-lit";
    /** Vibration marks beside a ringing handset; the screen shows and hides them once a second. */
    static final String RING_MARK = "picto-ring-mark";
    /** Sound waves from the handset on the talking screen: shown while the representative is speaking. */
    static final String WAVE = "picto-wave";
    private static final double BOX = 200;

    private Pictograms() {
    }

    /** The pictogram of {@code kind}, {@code size} pixels wide and high. */
    static Node of(ScreenKind kind, double size) {
        return switch (kind) {
            case READY -> scaled(size, null, moved(handset(), -14, 18), arrowUp());
            case AFTER_HOURS -> aroundTheClock(size);
            case CONNECTING -> connecting(size);
            case TALKING -> talking(size);
            case INCOMING -> scaled(size, Styles.TONE_ATTENTION, ringing(handset(), 0, 0));
            case ENDED -> hungUp(size);
            case LEFT_OFFHOOK -> leftOffhook(size);
            case NOT_REACHED -> clockFace(size);
            case DROPPED -> cutOff(size);
            case OUT_OF_SERVICE -> spanner(size);
            case RATING -> scaled(size, Styles.TONE_STAR, fill(star(100, 104, 92, 38)));
            case THANKS -> tick(size);
        };
    }

    /** An arrow pointing up beside the handset: lift it. */
    private static Node arrowUp() {
        return fill(new Polygon(160, 6, 196, 50, 174, 50, 174, 86, 146, 86, 146, 50, 124, 50));
    }

    /** The handset with a "24" badge: someone answers around the clock (no moon, no star). */
    private static Node aroundTheClock(double size) {
        return scaled(size, null, moved(handset(), -16, 16), fill(new Circle(154, 52, 44)),
                paperText("24", 154, 52, 50));
    }

    /** The ringing handset over three waiting dots, which the connecting screen lights one after another. */
    private static Node connecting(double size) {
        List<Node> shapes = ringing(moved(handset(), 0, -24), 0, -24);
        for (int i = 0; i < 3; i++) {
            Circle dot = new Circle(56 + 44 * i, 178, 15);
            dot.getStyleClass().add(DOT);
            shapes.add(line(dot, 6));
        }
        return scaled(size, null, shapes);
    }

    /** The handset with two sound waves, shown while the representative speaks. */
    private static Node talking(double size) {
        List<Node> shapes = new ArrayList<>(List.of(moved(handset(), -22, 22)));
        for (Arc wave : List.of(arc(110, 92, 40, -10, 110), arc(110, 92, 72, -5, 100))) {
            wave.getStyleClass().add(WAVE);
            shapes.add(line(wave, 13));
        }
        return scaled(size, null, shapes);
    }

    /** The handset resting on its telephone: the call is over, put it back. */
    private static Node hungUp(double size) {
        return scaled(size, null, moved(restingHandset(), 0, 14), base(0));
    }

    /** The handset lifted off its telephone, with an arrow down: put it back. */
    private static Node leftOffhook(double size) {
        Group lifted = restingHandset();
        lifted.setRotate(-14);
        Node arrowDown = fill(new Polygon(150, 150, 176, 118, 160, 118, 160, 92, 140, 92, 140, 118, 124, 118));
        return scaled(size, Styles.TONE_ATTENTION, moved(lifted, -6, -26), arrowDown, base(0));
    }

    /** A clock face: nobody answered in time. */
    private static Node clockFace(double size) {
        return scaled(size, Styles.TONE_ATTENTION, line(new Circle(100, 100, 76), 14),
                line(new Line(100, 100, 100, 52), 14), line(new Line(100, 100, 134, 118), 14));
    }

    /** The handset cut in two by a jagged break: the line failed. */
    private static Node cutOff(double size) {
        // across the handle, where it curves (about (76, 124) after the handset's turn)
        Polyline cut = new Polyline(120, 80, 90, 104, 104, 118, 62, 138, 78, 152, 38, 172);
        cut.getStyleClass().add(Styles.PICTO_PAPER_LINE);
        cut.setStrokeWidth(14);
        cut.setStrokeLineJoin(StrokeLineJoin.ROUND);
        cut.setStrokeLineCap(StrokeLineCap.ROUND);
        return scaled(size, Styles.TONE_ATTENTION, handset(), cut);
    }

    /** A spanner: "being repaired", calmer than a warning sign. */
    private static Node spanner(double size) {
        Shape head = Shape.subtract(new Circle(100, 52, 40), new Rectangle(86, 0, 28, 52));
        Rectangle handle = new Rectangle(84, 70, 32, 118);
        handle.setArcWidth(30);
        handle.setArcHeight(30);
        Group spanner = new Group(fill(head), fill(handle));
        spanner.setRotate(-40);
        return scaled(size, Styles.TONE_ATTENTION, spanner);
    }

    /** A tick in a circle: thank you, done. */
    private static Node tick(double size) {
        Polyline tick = new Polyline(58, 104, 88, 134, 144, 72);
        tick.setStrokeLineJoin(StrokeLineJoin.ROUND);
        return scaled(size, null, line(new Circle(100, 100, 80), 14), line(tick, 18));
    }

    /** A five-pointed star for the rating buttons. */
    static Node star(double size) {
        return scaled(size, Styles.TONE_STAR, fill(star(100, 104, 92, 38)));
    }

    /** A loudspeaker with one sound wave (quieter) or three (louder), for the volume buttons. */
    static Node speaker(double size, boolean louder) {
        List<Node> shapes = new ArrayList<>();
        shapes.add(fill(new Polygon(20, 74, 56, 74, 104, 30, 104, 170, 56, 126, 20, 126)));
        shapes.add(line(arc(104, 100, 30, -45, 90), 14));
        if (louder) {
            shapes.add(line(arc(104, 100, 58, -45, 90), 14));
            shapes.add(line(arc(104, 100, 86, -45, 90), 14));
        }
        return scaled(size, null, shapes);
    }

    /** The hearing-loop sign: an ear with a "T" (the loop is on; switch the hearing aid to T). */
    static Node hearingLoop(double size) {
        List<Node> shapes = new ArrayList<>();
        Arc outer = arc(82, 84, 54, -40, 220);
        shapes.add(line(outer, 14));
        shapes.add(line(new Polyline(124, 118, 96, 150, 92, 176, 70, 184), 14));
        shapes.add(line(arc(82, 86, 22, 0, 180), 12));
        shapes.add(line(new Line(140, 60, 192, 60), 14));
        shapes.add(line(new Line(166, 60, 166, 130), 14));
        return scaled(size, null, shapes);
    }

    private static Node scaled(double size, String tone, Node... shapes) {
        return scaled(size, tone, List.of(shapes));
    }

    /** The shapes, drawn in the 200 x 200 box, scaled to {@code size} pixels; {@code tone}: a colour class or null. */
    private static Node scaled(double size, String tone, List<Node> shapes) {
        Rectangle frame = new Rectangle(0, 0, BOX, BOX);
        frame.getStyleClass().add("picto-frame");
        frame.setStyle("-fx-fill: transparent;");
        Group drawing = new Group();
        drawing.getChildren().add(frame);
        drawing.getChildren().addAll(shapes);
        double scale = size / BOX;
        drawing.setScaleX(scale);
        drawing.setScaleY(scale);
        Group holder = new Group(drawing);
        holder.getStyleClass().add(Styles.PICTOGRAM);
        if (tone != null) {
            holder.getStyleClass().add(tone);
        }
        holder.setMouseTransparent(true);
        return holder;
    }

    /**
     * A telephone handset tilted like the public telephone sign: earpiece up-left, mouthpiece down-right, the
     * handle curving below them. Drawn upright (an arch with the two cups) and turned by 225 degrees.
     */
    private static Group handset() {
        Group upright = restingHandset();
        upright.setRotate(225);
        return upright;
    }

    /** The handset lying flat, cups down, as it rests on a telephone. */
    private static Group restingHandset() {
        Arc handle = arc(100, 132, 66, 28, 124);
        Rectangle ear = cup(22, 92);
        ear.setRotate(-24);
        Rectangle mouth = cup(118, 92);
        mouth.setRotate(24);
        return new Group(line(handle, 30), fill(ear), fill(mouth));
    }

    private static Rectangle cup(double x, double y) {
        Rectangle cup = new Rectangle(x, y, 60, 36);
        cup.setArcWidth(26);
        cup.setArcHeight(26);
        return cup;
    }

    /** The body of a desk telephone, under a resting handset. */
    private static Node base(double dy) {
        Polygon body = new Polygon(46, 150 + dy, 154, 150 + dy, 182, 196 + dy, 18, 196 + dy);
        return fill(body);
    }

    /** The handset, moved by ({@code dx}, {@code dy}), with three short marks on each side: it rings. */
    private static List<Node> ringing(Node handset, double dx, double dy) {
        List<Node> shapes = new ArrayList<>(List.of(handset));
        double[][] lines = {{22, 62, 6, 46}, {14, 100, -4, 100}, {22, 138, 6, 154},
            {178, 62, 194, 46}, {186, 100, 204, 100}, {178, 138, 194, 154}};
        for (double[] ends : lines) {
            Line mark = new Line(ends[0] + dx, ends[1] + dy, ends[2] + dx, ends[3] + dy);
            mark.getStyleClass().add(RING_MARK);
            shapes.add(line(mark, 10));
        }
        return shapes;
    }

    private static Text paperText(String text, double cx, double cy, double px) {
        Text badge = new Text(text);
        badge.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, px));
        badge.getStyleClass().add(Styles.PICTO_PAPER);
        badge.setX(cx - badge.getLayoutBounds().getWidth() / 2);
        badge.setY(cy + badge.getLayoutBounds().getHeight() * 0.32);
        return badge;
    }

    private static Arc arc(double cx, double cy, double radius, double start, double length) {
        Arc arc = new Arc(cx, cy, radius, radius, start, length);
        arc.setType(ArcType.OPEN);
        return arc;
    }

    private static Polygon star(double cx, double cy, double outer, double inner) {
        Polygon star = new Polygon();
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? outer : inner;
            double angle = Math.toRadians(-90 + 36 * i);
            star.getPoints().addAll(cx + radius * Math.cos(angle), cy + radius * Math.sin(angle));
        }
        return star;
    }

    private static Node moved(Group group, double dx, double dy) {
        group.setTranslateX(dx);
        group.setTranslateY(dy);
        return group;
    }

    private static Shape fill(Shape shape) {
        shape.getStyleClass().add(Styles.PICTO_FILL);
        return shape;
    }

    private static Shape line(Shape shape, double width) {
        shape.getStyleClass().add(Styles.PICTO_LINE);
        shape.setStrokeWidth(width);
        shape.setStrokeLineCap(StrokeLineCap.ROUND);
        return shape;
    }
}
