package org.hallphone.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Opens the kiosk window on the real display of {@code DISPLAY} (no Monocle) with a resting call flow, for
 * {@link KioskXvfbTest}, which looks at it from outside with xwininfo and xdotool. Prints {@code SHOWN} when the
 * window is up, and {@code STATE ...} whenever its size or full-screen flag changes; exits when stdin closes.
 */
public final class KioskXMain {

    private KioskXMain() {
    }

    public static void main(String[] args) throws IOException {
        FakeServiceDesk desk = new FakeServiceDesk();
        FakeCallControl calls = new FakeCallControl(Snap.idle().build());
        KioskContext ctx = new KioskContext(Kiosks.ui(Locale.forLanguageTag("ru")), calls, Optional.empty(), desk,
                desk, "x-test", Instant.now(), false, Clock.systemDefaultZone());
        Platform.setImplicitExit(false);
        Platform.startup(() -> {
            Stage stage = new Stage();
            new KioskWindow(ctx).show(stage);
            Runnable report = () -> System.out.println("STATE " + (int) stage.getWidth() + "x"
                    + (int) stage.getHeight() + "+" + (int) stage.getX() + "+" + (int) stage.getY()
                    + " fullScreen=" + stage.isFullScreen() + " showing=" + stage.isShowing());
            stage.widthProperty().addListener(o -> report.run());
            stage.heightProperty().addListener(o -> report.run());
            stage.fullScreenProperty().addListener(o -> report.run());
            stage.showingProperty().addListener(o -> report.run());
            report.run();
            System.out.println("SHOWN");
        });
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // wait for the test to close stdin
            }
        }
        Platform.exit();
        System.exit(0);
    }
}
