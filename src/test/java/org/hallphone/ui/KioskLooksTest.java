package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.image.PixelFormat;
import javax.imageio.ImageIO;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.EarpieceLevel;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Fault;
import org.hallphone.call.Outcome;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every screen (every state and its variants: dropped call, speaking sign, near-end warning, the
 * out-of-service causes, the thank-you) in both languages at 1920x1080, 1024x768 and portrait 1080x1920 to
 * {@code target/screenshots/}, and checks on each rendering that every patient text is at least the body size
 * (32 px at 1080 lines) and has a contrast of at least 7:1 against what is behind it, in named colours of
 * kiosk.css; that pictograms have 4.5:1 (rating stars 3:1); that nothing is cut off or outside the window; that an
 * English screen has no Cyrillic (but the language button's "Русский"); that the language button is at least
 * 56 px high at 1080 lines; and that every screen ends with a next step.
 */
class KioskLooksTest {

    static final Path OUT = Path.of("target", "screenshots");
    static final double AAA = 7.0;
    /** WCAG 1.4.11 asks 3:1 for graphics; the kiosk asks 4.5:1 of its pictograms and 3:1 of the rating stars. */
    static final double PICTOGRAM = 4.5;
    static final double STARS = 3.0;
    private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");
    private boolean demo;
    private static final Pattern NAMED = Pattern.compile("(-hp-[a-z-]+)\\s*:\\s*(#[0-9A-Fa-f]{6})\\s*;");

    @BeforeAll
    static void startFx() throws IOException {
        FxTesting.start();
        Files.createDirectories(OUT);
    }

    /** A screen as the snapshots that lead to it, the earpiece's reading and what the patient then does. */
    record Scenario(List<CallSnapshot> snapshots, EarpieceLevel earpiece,
            java.util.function.BiConsumer<CallViewModel, MutableClock> action) {
        Scenario(CallSnapshot... snapshots) {
            this(List.of(snapshots), EarpieceLevel.QUIET, (model, clock) -> { });
        }
    }

    /** The screens, each as the snapshots that lead to it. */
    static Map<String, Scenario> screens() {
        Instant t0 = Kiosks.START;
        CallSnapshot talking = Snap.call(CallState.TALKING, "c1").answeredAt(t0.minusSeconds(83)).build();
        CallSnapshot rated = Snap.idle().callId("c1").outcome(Outcome.ANSWERED).endedBy(EndedBy.PATIENT).build();
        CallSnapshot answered = Snap.call(CallState.TALKING, "c1").answeredAt(t0).build();
        Map<String, Scenario> m = new LinkedHashMap<>();
        m.put("ready", new Scenario(Snap.idle().build()));
        m.put("after-hours", new Scenario(Snap.idle().afterHours(true).build()));
        m.put("connecting", new Scenario(Snap.call(CallState.DIALING, "c1").build()));
        m.put("ringing", waited(42, Snap.call(CallState.RINGING, "c1").build()));
        m.put("ringing-again", waited(75, Snap.call(CallState.RINGING, "c1").attempt(2).build()));
        m.put("connecting-after-hours", waited(12, Snap.call(CallState.RINGING, "c1").afterHours(true).build()));
        m.put("talking", new Scenario(talking));
        m.put("talking-speaking", new Scenario(List.of(talking), new EarpieceLevel(true, 2, 4), (model, clock) -> { }));
        m.put("talking-near-end", new Scenario(Snap.call(CallState.TALKING, "c1").answeredAt(t0.minusSeconds(1150))
                .nearMaxDuration(true).build()));
        m.put("ended", new Scenario(Snap.call(CallState.ENDED, "c1").outcome(Outcome.ANSWERED)
                .endedBy(EndedBy.REMOTE).build()));
        m.put("ended-time-limit", new Scenario(Snap.call(CallState.ENDED, "c1").outcome(Outcome.ANSWERED)
                .endedBy(EndedBy.TIMEOUT).build()));
        m.put("dropped", new Scenario(Snap.call(CallState.ENDED, "c1").outcome(Outcome.FAILED)
                .endedBy(EndedBy.SYSTEM).answeredAt(t0.minusSeconds(40)).dropped(true).build()));
        m.put("busy", new Scenario(Snap.call(CallState.ENDED, "c1").outcome(Outcome.BUSY).endedBy(EndedBy.REMOTE)
                .build()));
        m.put("no-answer", new Scenario(Snap.call(CallState.ENDED, "c1").outcome(Outcome.NO_ANSWER)
                .endedBy(EndedBy.TIMEOUT).build()));
        m.put("failed", new Scenario(Snap.call(CallState.ENDED, "c1").outcome(Outcome.FAILED)
                .endedBy(EndedBy.SYSTEM).build()));
        m.put("out-of-service", new Scenario(Snap.idle().state(CallState.OUT_OF_SERVICE)
                .fault(Fault.NETWORK, "no route to host").build()));
        m.put("out-of-service-handset", new Scenario(Snap.idle().state(CallState.OUT_OF_SERVICE)
                .fault(Fault.HANDSET, "port gone").build()));
        m.put("out-of-service-registration", new Scenario(Snap.idle().state(CallState.OUT_OF_SERVICE)
                .fault(Fault.REGISTRATION, "403").build()));
        m.put("left-offhook", new Scenario(Snap.call(CallState.ENDED, "c1").outcome(Outcome.ANSWERED)
                .endedBy(EndedBy.REMOTE).leftOffhook(true).build()));
        m.put("incoming", new Scenario(Snap.idle().state(CallState.INCOMING).callId("c9").build()));
        m.put("rating", new Scenario(answered, rated));
        m.put("rating-thanks", new Scenario(List.of(answered, rated), EarpieceLevel.QUIET, (model, clock) -> model.rate(5)));
        m.put("rating-low", new Scenario(List.of(answered, rated), EarpieceLevel.QUIET, (model, clock) -> model.rate(1)));
        return m;
    }

    /** A connecting screen after the patient has waited {@code seconds}. */
    private static Scenario waited(int seconds, CallSnapshot s) {
        return new Scenario(List.of(s), EarpieceLevel.QUIET, (model, clock) -> clock.advance(Duration.ofSeconds(seconds)));
    }

    @Test
    void everyScreenInBothLanguagesAndSizesIsReadable() {
        Map<String, Color> palette = palette();
        List<String> problems = new ArrayList<>();
        int[][] sizes = {{1920, 1080}, {1024, 768}, {1080, 1920}};
        for (Locale lang : Texts.LANGUAGES) {
            for (int[] size : sizes) {
                for (Map.Entry<String, Scenario> screen : screens().entrySet()) {
                    String name = screen.getKey() + "-" + lang.getLanguage() + "-" + size[0] + "x" + size[1];
                    problems.addAll(render(name, lang, size[0], size[1], screen.getValue(), false, palette));
                }
                if (size[0] > size[1]) {
                    String name = "service-" + lang.getLanguage() + "-" + size[0] + "x" + size[1];
                    problems.addAll(render(name, lang, size[0], size[1], new Scenario(Snap.idle().build()), true,
                            palette));
                }
            }
        }
        demo = true;
        problems.addAll(render("demo-ready-en-1920x1080", Texts.ENGLISH, 1920, 1080, screens().get("ready"), false,
                palette));
        problems.addAll(render("demo-talking-ru-1024x768", Texts.RUSSIAN, 1024, 768, screens().get("talking"), false,
                palette));
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        assertTrue(Files.exists(OUT.resolve("ready-ru-1920x1080.png")));
    }

    /** The checks catch what they are for: a small grey note, a faint pictogram, Cyrillic on English. */
    @Test
    void theChecksFindWhatTheyAreFor() {
        List<String> problems = FxTesting.onFx(() -> {
            javafx.scene.layout.VBox root = new javafx.scene.layout.VBox();
            root.getStyleClass().add(Styles.KIOSK);
            root.setStyle("-fx-font-size: 32px;");
            javafx.scene.control.Label small = ScreenParts.label(Styles.BODY, "Звонок");
            small.setStyle("-fx-font-size: 0.8em;");
            javafx.scene.shape.Circle faint = new javafx.scene.shape.Circle(10);
            javafx.scene.Group picture = new javafx.scene.Group(faint);
            picture.getStyleClass().add(Styles.PICTOGRAM);
            faint.setFill(Color.web("#C0C0C0"));
            root.getChildren().addAll(small, picture);
            Scene scene = new Scene(root, 400, 300);
            scene.getStylesheets().add(KioskWindow.stylesheet());
            root.applyCss();
            root.layout();
            return check("probe", root, 400, 300, palette(), Texts.ENGLISH, 32);
        });
        String all = String.join("\n", problems);
        assertTrue(all.contains("text size"), all);
        assertTrue(all.contains("pictogram contrast"), all);
        assertTrue(all.contains("Cyrillic"), all);
    }

    /** States a rendering never shows: pressed buttons. */
    @Test
    void pressedButtonsKeepTheirContrast() {
        Map<String, Color> p = palette();
        assertAtLeast(p, "-hp-on-deep", "-hp-deep-pressed");
        assertAtLeast(p, "-hp-ink", "-hp-key-pressed");
        assertAtLeast(p, "-hp-deep", "-hp-key-pressed");
    }

    @Test
    void contrastFormulaMatchesWcagExamples() {
        assertEquals(21.0, contrast(Color.BLACK, Color.WHITE), 0.01);
        assertEquals(4.48, contrast(Color.web("#777777"), Color.WHITE), 0.01);
    }

    private static void assertAtLeast(Map<String, Color> p, String text, String background) {
        double ratio = contrast(p.get(text), p.get(background));
        assertTrue(ratio >= AAA, text + " on " + background + ": " + ratio);
    }

    private List<String> render(String name, Locale lang, int w, int h, Scenario scenario,
            boolean service, Map<String, Color> palette) {
        List<CallSnapshot> snapshots = scenario.snapshots();
        MutableClock clock = new MutableClock(Kiosks.START);
        FakeServiceDesk desk = new FakeServiceDesk();
        FakeCallControl calls = new FakeCallControl(snapshots.get(0));
        calls.setEarpiece(scenario.earpiece());
        BackgroundWork work = new BackgroundWork();
        FlowLikeCallControl hook = new FlowLikeCallControl(clock);
        try {
            KioskContext ctx = Kiosks.context(Kiosks.uiFull(lang), calls, desk, clock,
                    demo ? Optional.of(hook) : Optional.empty());
            KioskView view = FxTesting.onFx(() -> {
                CallViewModel model = new CallViewModel(calls, clock, lang, true, desk, work);
                KioskView v = new KioskView(ctx, model, work, SERVICE_HOLD);
                Scene scene = new Scene(v.root(), w, h);
                scene.getStylesheets().add(KioskWindow.stylesheet());
                snapshots.forEach(model::accept);
                scenario.action().accept(model, clock);
                return v;
            });
            if (service) {
                openServiceScreen(view);
            }
            return FxTesting.onFx(() -> {
                Scene scene = view.root().getScene();
                view.tick();
                view.pollEarpiece();
                for (int i = 0; i < 3; i++) {
                    view.root().applyCss();
                    view.root().layout();
                }
                WritableImage image = scene.snapshot(null);
                writePng(image, OUT.resolve(name + ".png"));
                double body = KioskView.BODY_PX * Math.min(w, h) / 1080.0;
                List<String> found = new ArrayList<>(check(name, view.root(), w, h, palette, lang, body));
                if (!service) {
                    found.addAll(nextStep(name, view.root()));
                }
                return found;
            });
        } finally {
            work.close();
            calls.close();
            hook.close();
        }
    }

    /** How long the service corner is held in these renderings (the gesture itself is KioskWindowTest's). */
    private static final Duration SERVICE_HOLD = Duration.ofMillis(1);

    /** Presses the service corner, then types the PIN, as the technician does. */
    private static void openServiceScreen(KioskView view) {
        FxTesting.onFx(() -> Event.fireEvent(view.root().lookup("#service-corner"), new MouseEvent(
                MouseEvent.MOUSE_PRESSED, 10, 10, 10, 10, MouseButton.PRIMARY, 1, false, false, false, false, true,
                false, false, false, false, false, null)));
        Wait.until("the PIN pad", Duration.ofSeconds(10),
                () -> FxTesting.onFx(() -> view.root().lookup("#pin-pad") != null));
        FxTesting.onFx(() -> {
            for (char c : Kiosks.PIN.toCharArray()) {
                ((Button) view.root().lookup("#pin-" + c)).fire();
            }
            ((Button) view.root().lookup("#pin-ok")).fire();
        });
        Wait.until("the service screen", Duration.ofSeconds(10),
                () -> FxTesting.onFx(() -> view.root().lookup("#service-screen") != null));
        FxTesting.settle();
    }

    /** Texts a patient does not need to read: the demo's badge and hint, the service screen (staff only). */
    private static boolean exempt(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains(Styles.DEMO_BADGE) || n.getStyleClass().contains(Styles.HOOK_BAR)
                    || "service-overlay".equals(n.getId())) {
                return true;
            }
        }
        return false;
    }

    static List<String> check(String name, Parent root, int w, int h, Map<String, Color> palette, Locale lang,
            double bodyPx) {
        List<String> problems = new ArrayList<>();
        String languageButton = Texts.of(lang).get("language.switch");
        for (Labeled labeled : labeled(root)) {
            if (labeled.getText() == null || labeled.getText().isBlank() || !visible(labeled)) {
                continue;
            }
            String what = name + ": \"" + labeled.getText() + "\"";
            if (!(labeled.getTextFill() instanceof Color fill)) {
                problems.add(what + ": text fill is not a colour");
                continue;
            }
            Color background = backgroundOf(labeled);
            double ratio = contrast(fill, background);
            if (ratio < AAA) {
                problems.add(what + String.format(Locale.ROOT, ": contrast %.2f (%s on %s)", ratio, fill,
                        background));
            }
            if (!palette.containsValue(fill) || !palette.containsValue(background)) {
                problems.add(what + ": colour not named in kiosk.css: " + fill + " on " + background);
            }
            if (labeled.getText().length() > 0 && isCut(labeled)) {
                problems.add(what + ": text is cut off (" + labeled.getWidth() + "x" + labeled.getHeight() + ")");
            }
            Bounds b = labeled.localToScene(labeled.getLayoutBounds());
            if (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > w + 1 || b.getMaxY() > h + 1) {
                problems.add(what + ": outside the window: " + b);
            }
            if (!exempt(labeled) && labeled.getFont().getSize() < bodyPx - 0.05) {
                problems.add(what + String.format(Locale.ROOT, ": text size %.1f px, below the body size %.1f px",
                        labeled.getFont().getSize(), bodyPx));
            }
            if (lang.equals(Texts.ENGLISH) && !exempt(labeled) && !labeled.getText().equals(languageButton)
                    && CYRILLIC.matcher(labeled.getText()).find()) {
                problems.add(what + ": Cyrillic on an English screen");
            }
        }
        if (root.lookup("#language") instanceof Region button && visible(button) && !exempt(button)
                && button.getHeight() < 1.75 * bodyPx - 0.5) {
            problems.add(name + String.format(Locale.ROOT, ": language button %.0f px high, needs %.0f",
                    button.getHeight(), 1.75 * bodyPx));
        }
        for (Node picture : root.lookupAll("." + Styles.PICTOGRAM)) {
            if (!visible(picture) || exempt(picture)) {
                continue;
            }
            double needed = picture.getStyleClass().contains(Styles.TONE_STAR) ? STARS : PICTOGRAM;
            Color background = backgroundOf(picture);
            for (javafx.scene.shape.Shape shape : shapes(picture)) {
                if (!visible(shape)) {
                    continue;
                }
                for (javafx.scene.paint.Paint paint : java.util.Arrays.asList(shape.getFill(), shape.getStroke())) {
                    if (!(paint instanceof Color c) || c.getOpacity() == 0 || c.equals(background)) {
                        continue; // transparent, or a cut-out in the background's colour
                    }
                    double ratio = contrast(c, background);
                    if (ratio < needed) {
                        problems.add(name + String.format(Locale.ROOT, ": pictogram contrast %.2f (%s on %s), "
                                + "needs %.1f", ratio, c, background, needed));
                    }
                }
            }
        }
        return problems;
    }

    /** Every screen says what to do now, and the words end with it (or the heading is the instruction). */
    private static List<String> nextStep(String name, Parent root) {
        List<Node> steps = root.lookupAll("." + Styles.NEXT_STEP).stream().filter(KioskLooksTest::visible).toList();
        if (steps.isEmpty()) {
            return List.of(name + ": no next step");
        }
        Node texts = root.lookup("." + Styles.TEXTS);
        if (texts == null) {
            return List.of(name + ": no text column");
        }
        List<Node> lines = ((Parent) texts).getChildrenUnmodifiable().stream()
                .filter(n -> !(n instanceof Button) && visible(n)).toList();
        Node last = lines.get(lines.size() - 1);
        Node heading = lines.get(0);
        if (isStep(last) || heading.getStyleClass().contains(Styles.NEXT_STEP)) {
            return List.of();
        }
        return List.of(name + ": the screen does not end with a next step but with " + last);
    }

    private static boolean isStep(Node node) {
        return node.getStyleClass().contains(Styles.NEXT_STEP)
                || node instanceof Parent p && !p.lookupAll("." + Styles.NEXT_STEP).isEmpty();
    }

    private static List<javafx.scene.shape.Shape> shapes(Node node) {
        List<javafx.scene.shape.Shape> out = new ArrayList<>();
        if (node instanceof javafx.scene.shape.Shape shape && !shape.getStyleClass().contains("picto-frame")) {
            out.add(shape);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                out.addAll(shapes(child));
            }
        }
        return out;
    }

    /** A label whose text was shortened with an ellipsis. */
    private static boolean isCut(Labeled labeled) {
        Node text = labeled.lookup(".text");
        return text instanceof javafx.scene.text.Text t && !t.getText().equals(labeled.getText());
    }

    private static boolean visible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible() || n.getOpacity() == 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Labeled> labeled(Parent root) {
        List<Labeled> out = new ArrayList<>();
        for (Node child : root.getChildrenUnmodifiable()) {
            if (child instanceof Labeled l) {
                out.add(l);
            }
            if (child instanceof Parent p) {
                out.addAll(labeled(p));
            }
        }
        return out;
    }

    /** The colour right behind a node: the topmost opaque background fill of it or its nearest ancestor. */
    static Color backgroundOf(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Region r && r.getBackground() != null) {
                List<BackgroundFill> fills = r.getBackground().getFills();
                for (int i = fills.size() - 1; i >= 0; i--) {
                    if (fills.get(i).getFill() instanceof Color c && c.getOpacity() > 0) {
                        return c;
                    }
                }
            }
        }
        return Color.WHITE;
    }

    /** WCAG 2.x contrast ratio. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** The named colours of kiosk.css. */
    static Map<String, Color> palette() {
        try (var in = KioskWindow.class.getResourceAsStream(Styles.STYLESHEET)) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Color> colours = new LinkedHashMap<>();
            Matcher m = NAMED.matcher(css);
            while (m.find()) {
                colours.put(m.group(1), Color.web(m.group(2)));
            }
            assertFalse(colours.isEmpty(), "no named colours in kiosk.css");
            return colours;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writePng(WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader reader = image.getPixelReader();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            reader.getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        try {
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
