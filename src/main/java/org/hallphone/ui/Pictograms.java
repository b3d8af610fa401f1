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
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;

/**
 * One pictogram per screen, drawn with shapes in a 200 x 200 box and scaled, so that a patient who cannot hear
 * the handset still sees what is happening. Colours come from the CSS ({@code picto-fill}, {@code picto-line}).
 */
final class Pictograms {

    /** Style class of the waiting dots, which the connecting screen lights one after another. */
    static final String DOT = "picto-dot";
    private static final double BOX = 200;

    private Pictograms() {
    }

    /** The pictogram of {@code kind}, {@code size} pixels wide and high. */
    static Node of(ScreenKind kind, double size) {
        List<Node> shapes = new ArrayList<>();
        String tone = null;
        switch (kind) {
            case READY -> {
                shapes.add(moved(handset(), 0, 35));
                shapes.add(fill(new Polygon(100, 8, 138, 52, 114, 52, 114, 84, 86, 84, 86, 52, 62, 52)));
            }
            case AFTER_HOURS -> {
                shapes.add(fill(Shape.subtract(new Circle(95, 100, 72), new Circle(130, 78, 62))));
                shapes.add(fill(star(150, 130, 26, 11)));
            }
            case CONNECTING -> {
                shapes.add(moved(handset(), 0, -22));
                for (int i = 0; i < 3; i++) {
                    Circle dot = new Circle(60 + 40 * i, 168, 14);
                    dot.getStyleClass().add(DOT);
                    shapes.add(fill(dot));
                }
            }
            case TALKING -> {
                shapes.add(moved(handset(), 0, 40));
                shapes.add(line(arc(100, 120, 50, 55, 70), 12));
                shapes.add(line(arc(100, 120, 84, 60, 60), 12));
            }
            case INCOMING -> {
                tone = Styles.TONE_ATTENTION;
                shapes.add(moved(handset(), 0, 40));
                shapes.add(line(new Line(100, 14, 100, 52), 13));
                shapes.add(line(new Line(40, 30, 60, 62), 13));
                shapes.add(line(new Line(160, 30, 140, 62), 13));
            }
            case ENDED, LEFT_OFFHOOK -> {
                tone = kind == ScreenKind.LEFT_OFFHOOK ? Styles.TONE_ATTENTION : null;
                shapes.add(moved(handset(), 0, -40));
                shapes.add(fill(new Polygon(100, 168, 136, 128, 114, 128, 114, 98, 86, 98, 86, 128, 64, 128)));
                Rectangle cradle = new Rectangle(30, 178, 140, 16);
                cradle.setArcWidth(12);
                cradle.setArcHeight(12);
                shapes.add(fill(cradle));
            }
            case NOT_REACHED -> {
                tone = Styles.TONE_ATTENTION;
                shapes.add(line(new Circle(100, 100, 76), 14));
                shapes.add(line(new Line(100, 100, 100, 52), 14));
                shapes.add(line(new Line(100, 100, 134, 118), 14));
            }
            case OUT_OF_SERVICE -> {
                // a spanner: "being repaired", calmer than a warning sign
                tone = Styles.TONE_ATTENTION;
                Shape head = Shape.subtract(new Circle(100, 52, 40), new Rectangle(86, 0, 28, 52));
                Rectangle handle = new Rectangle(84, 70, 32, 118);
                handle.setArcWidth(30);
                handle.setArcHeight(30);
                Group spanner = new Group(fill(head), fill(handle));
                spanner.setRotate(-40);
                shapes.add(spanner);
            }
            case RATING -> {
                tone = Styles.TONE_STAR;
                shapes.add(fill(star(100, 104, 92, 38)));
            }
            default -> throw new IllegalArgumentException("no pictogram for " + kind);
        }
        return scaled(shapes, size, tone);
    }

    /** A small five-pointed star for the rating buttons. */
    static Node star(double size) {
        return scaled(List.of(fill(star(100, 104, 92, 38))), size, Styles.TONE_STAR);
    }

    private static Node scaled(List<Node> shapes, double size, String tone) {
        Rectangle frame = new Rectangle(0, 0, BOX, BOX);
        frame.getStyleClass().add("picto-frame");
        frame.setStyle("-fx-fill: transparent;");
        Group drawing = new Group();
        drawing.getChildren().add(frame);
        drawing.getChildren().addAll(shapes);
        double k = size / BOX;
        drawing.setScaleX(k);
        drawing.setScaleY(k);
        Group holder = new Group(drawing);
        holder.getStyleClass().add(Styles.PICTOGRAM);
        if (tone != null) {
            holder.getStyleClass().add(tone);
        }
        holder.setMouseTransparent(true);
        return holder;
    }

    /** A telephone handset: an arch with an earpiece and a mouthpiece. */
    private static Group handset() {
        Arc arch = arc(100, 118, 64, 12, 156);
        arch.setStrokeWidth(26);
        Rectangle ear = pad(14, 104);
        ear.setRotate(-12);
        Rectangle mouth = pad(130, 104);
        mouth.setRotate(12);
        return new Group(line(arch, 26), fill(ear), fill(mouth));
    }

    private static Rectangle pad(double x, double y) {
        Rectangle r = new Rectangle(x, y, 56, 32);
        r.setArcWidth(22);
        r.setArcHeight(22);
        return r;
    }

    private static Arc arc(double cx, double cy, double radius, double start, double length) {
        Arc arc = new Arc(cx, cy, radius, radius, start, length);
        arc.setType(ArcType.OPEN);
        return arc;
    }

    private static Polygon star(double cx, double cy, double outer, double inner) {
        Polygon star = new Polygon();
        for (int i = 0; i < 10; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double angle = Math.toRadians(-90 + 36 * i);
            star.getPoints().addAll(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
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
