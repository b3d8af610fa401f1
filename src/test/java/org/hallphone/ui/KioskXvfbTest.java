package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hallphone.testing.BareX;
import org.hallphone.testing.Wait;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real window on a bare X server (Xvfb, no window manager), checked from outside: it covers the whole
 * screen at 1920x1080 and 1024x768, and still does after Escape and Alt+F4 typed with xdotool. The window runs
 * in a child JVM ({@link KioskXMain}) because this JVM's JavaFX is Monocle.
 */
class KioskXvfbTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @ParameterizedTest
    @CsvSource({"1920, 1080", "1024, 768"})
    void coversTheWholeScreenWithoutWindowManagerAndKeysDoNotChangeThat(int w, int h) throws Exception {
        try (BareX x = new BareX(w, h)) {
            Path log = Files.createDirectories(Path.of("target", "xvfb")).resolve("kiosk-" + w + "x" + h + ".log");
            Process child = x.startJava(KioskXMain.class.getName(), log);
            Wait.until("the window to cover " + w + "x" + h + " (" + x.childOutput() + ")", WAIT,
                    () -> x.covers(w, h));
            x.type("Escape", "alt+F4", "F11");
            NegativeWait.never("the kiosk to exit or to stop covering the screen after Escape, Alt+F4 and F11",
                    Duration.ofSeconds(1), () -> !child.isAlive() || !x.covers(w, h));
            assertTrue(child.isAlive(), "the kiosk is still running");
            assertTrue(x.covers(w, h), "after Escape, Alt+F4 and F11: " + x.windowLine()
                    + " child: " + x.childOutput());
            String last = x.childOutput().stream().filter(l -> l.startsWith("STATE")).reduce((a, b) -> b)
                    .orElse("");
            assertTrue(last.contains(w + "x" + h + "+0+0") && last.contains("showing=true"), last);
        }
    }
}
