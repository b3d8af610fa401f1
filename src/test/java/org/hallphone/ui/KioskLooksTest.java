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
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Fault;
import org.hallphone.call.Outcome;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders every screen in both languages at 1920x1080 and 1024x768 (and Russian portrait 1080x1920) to
 * {@code target/screenshots/}, and checks on each rendering that every text has a contrast of at least 7:1
 * against what is behind it, that every such colour is a named colour of kiosk.css, and that no text is cut
 * off or runs outside the window.
 */
class KioskLooksTest {

    static final Path OUT = Path.of("target", "screenshots");
    static final double AAA = 7.0;
    private boolean demo;
    private static final Pattern NAMED = Pattern.compile("(-hp-[a-z-]+)\\s*:\\s*(#[0-9A-Fa-f]{6})\\s*;");

    @BeforeAll
    static void startFx() throws IOException {
        FxTesting.start();
        Files.createDirectories(OUT);
    }

    /** The screens, each as the snapshots that lead to it. */
    static Map<String, List<CallSnapshot>> screens() {
        Instant t0 = Kiosks.START;
        Map<String, List<CallSnapshot>> m = new LinkedHashMap<>();
        m.put("ready", List.of(Snap.idle().build()));
        m.put("after-hours", List.of(Snap.idle().afterHours(true).build()));
        m.put("connecting", List.of(Snap.call(CallState.DIALING, "c1").build()));
        m.put("ringing-attempt-2", List.of(Snap.call(CallState.RINGING, "c1").attempt(2).build()));
        m.put("talking", List.of(Snap.call(CallState.TALKING, "c1").answeredAt(t0.minusSeconds(83)).build()));
        m.put("ended", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.ANSWERED)
                .endedBy(EndedBy.REMOTE).build()));
        m.put("busy", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.BUSY).endedBy(EndedBy.REMOTE)
                .build()));
        m.put("no-answer", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.NO_ANSWER)
                .endedBy(EndedBy.TIMEOUT).build()));
        m.put("out-of-service", List.of(Snap.idle().state(CallState.OUT_OF_SERVICE)
                .fault(Fault.NETWORK, "no route to host").build()));
        m.put("left-offhook", List.of(Snap.call(CallState.ENDED, "c1").outcome(Outcome.ANSWERED)
                .endedBy(EndedBy.REMOTE).leftOffhook(true).build()));
        m.put("incoming", List.of(Snap.idle().state(CallState.INCOMING).callId("c9").build()));
        m.put("rating", List.of(Snap.call(CallState.TALKING, "c1").answeredAt(t0).build(),
                Snap.idle().callId("c1").outcome(Outcome.ANSWERED).endedBy(EndedBy.PATIENT).build()));
        return m;
    }

    @Test
    void everyScreenInBothLanguagesAndSizesIsReadable() {
        Map<String, Color> palette = palette();
        List<String> problems = new ArrayList<>();
        int[][] sizes = {{1920, 1080}, {1024, 768}};
        for (Locale lang : Texts.LANGUAGES) {
            for (int[] size : sizes) {
                for (Map.Entry<String, List<CallSnapshot>> screen : screens().entrySet()) {
                    String name = screen.getKey() + "-" + lang.getLanguage() + "-" + size[0] + "x" + size[1];
                    problems.addAll(render(name, lang, size[0], size[1], screen.getValue(), false, palette));
                }
                String name = "service-" + lang.getLanguage() + "-" + size[0] + "x" + size[1];
                problems.addAll(render(name, lang, size[0], size[1], List.of(Snap.idle().build()), true, palette));
            }
        }
        for (Map.Entry<String, List<CallSnapshot>> screen : screens().entrySet()) {
            String name = screen.getKey() + "-ru-1080x1920";
            problems.addAll(render(name, Texts.RUSSIAN, 1080, 1920, screen.getValue(), false, palette));
        }
        demo = true;
        problems.addAll(render("demo-ready-en-1920x1080", Texts.ENGLISH, 1920, 1080, screens().get("ready"), false,
                palette));
        problems.addAll(render("demo-talking-ru-1024x768", Texts.RUSSIAN, 1024, 768, screens().get("talking"), false,
                palette));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(Files.exists(OUT.resolve("ready-ru-1920x1080.png")));
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

    private List<String> render(String name, Locale lang, int w, int h, List<CallSnapshot> snapshots,
            boolean service, Map<String, Color> palette) {
        MutableClock clock = new MutableClock(Kiosks.START);
        FakeServiceDesk desk = new FakeServiceDesk();
        FakeCallControl calls = new FakeCallControl(snapshots.get(0));
        BackgroundWork work = new BackgroundWork();
        FlowLikeCallControl hook = new FlowLikeCallControl(clock);
        try {
            KioskContext ctx = Kiosks.context(Kiosks.ui(lang), calls, desk, clock,
                    demo ? Optional.of(hook) : Optional.empty());
            KioskView view = FxTesting.onFx(() -> {
                CallViewModel model = new CallViewModel(calls, clock, lang, true, desk, work);
                KioskView v = new KioskView(ctx, model, work, Duration.ofSeconds(5));
                Scene scene = new Scene(v.root(), w, h);
                scene.getStylesheets().add(KioskWindow.stylesheet());
                snapshots.forEach(model::accept);
                if (service) {
                    v.service().openPinPad();
                    for (char c : Kiosks.PIN.toCharArray()) {
                        ((Button) scene.lookup("#pin-" + c)).fire();
                    }
                    ((Button) scene.lookup("#pin-ok")).fire();
                }
                return v;
            });
            if (service) {
                Wait.until("service screen", Duration.ofSeconds(10),
                        () -> FxTesting.onFx(() -> view.service().isPanelOpen()));
                FxTesting.settle();
            }
            return FxTesting.onFx(() -> {
                Scene scene = view.root().getScene();
                for (int i = 0; i < 3; i++) {
                    view.root().applyCss();
                    view.root().layout();
                }
                WritableImage image = scene.snapshot(null);
                writePng(image, OUT.resolve(name + ".png"));
                return check(name, view.root(), w, h, palette);
            });
        } finally {
            work.close();
            calls.close();
            hook.close();
        }
    }

    private static List<String> check(String name, Parent root, int w, int h, Map<String, Color> palette) {
        List<String> problems = new ArrayList<>();
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
        }
        return problems;
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
