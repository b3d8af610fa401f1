package org.hallphone.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.config.PinHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way into the service screen: a PIN pad (the PIN is checked against {@code ui.service-pin-hash} on the
 * worker thread), the lock after {@link ServiceGate#MAX_FAILURES} wrong PINs, and closing after
 * {@link #IDLE_CLOSE} untouched or as soon as a call starts. Lives on the FX thread.
 */
final class ServiceAccess {

    static final Duration IDLE_CLOSE = Duration.ofMinutes(2);
    static final Duration REFRESH = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccess.class);
    private static final DateTimeFormatter LOCK_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final KioskContext ctx;
    private final CallViewModel model;
    private final BackgroundWork work;
    private final StackPane overlay;
    private final ServiceGate gate;
    private char[] entered = new char[0];
    private Instant lastTouch = Instant.MIN;
    private Instant lastRefresh = Instant.MIN;
    private ServicePanel panel;
    private Label pinMessage;
    private Label pinDisplay;
    private boolean checking;

    ServiceAccess(KioskContext ctx, CallViewModel model, BackgroundWork work, StackPane overlay) {
        this.ctx = ctx;
        this.model = model;
        this.work = work;
        this.overlay = overlay;
        this.gate = ctx.service().serviceGate().orElseGet(() -> new ServiceGate(ctx.clock()));
        overlay.setVisible(false);
        overlay.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> touched());
        overlay.addEventFilter(TouchEvent.TOUCH_PRESSED, e -> touched());
    }

    /** True when a call may not be disturbed: the service screen opens only at rest. */
    static boolean allowedIn(CallSnapshot s) {
        return s.state() == CallState.IDLE || s.state() == CallState.OUT_OF_SERVICE;
    }

    boolean isOpen() {
        return overlay.isVisible();
    }

    /** The hidden gesture completed: shows the PIN pad (or nothing when no PIN is configured or a call is on). */
    void openPinPad() {
        if (ctx.ui().servicePinHash().isEmpty()) {
            LOG.info("service screen requested, but it is closed: ui.service-pin-hash is empty");
            return;
        }
        if (!allowedIn(model.snapshot()) || isOpen()) {
            return;
        }
        Texts t = Texts.of(model.locale());
        pinDisplay = ScreenParts.label(Styles.PIN_DISPLAY, "");
        pinDisplay.setId("pin-display");
        pinMessage = ScreenParts.label(Styles.PIN_MESSAGE, t.get("service.pin.prompt"));
        pinMessage.setId("pin-message");
        GridPane keys = pinKeys(t);
        Button cancel = ScreenParts.button(Styles.SECONDARY_BUTTON, t.get("service.cancel"), "pin-cancel");
        cancel.setOnAction(e -> close());
        VBox pad = new VBox(ScreenParts.label(Styles.SERVICE_TITLE, t.get("service.pin.title")), pinMessage, pinDisplay,
                keys, cancel);
        pad.getStyleClass().add(Styles.PIN_PAD);
        pad.setId("pin-pad");
        pad.setFillWidth(false);
        HBox centre = new HBox(pad);
        centre.getStyleClass().add(Styles.PIN_PAD);
        overlay.getChildren().setAll(centre);
        overlay.setVisible(true);
        touched();
        showLock(t);
    }

    /** The digits, C(lear) and OK, three a row. */
    private GridPane pinKeys(Texts t) {
        GridPane keys = new GridPane();
        keys.setHgap(10);
        keys.setVgap(10);
        String layout = "123456789C0K";
        for (int i = 0; i < layout.length(); i++) {
            char c = layout.charAt(i);
            String text = c == 'C' ? t.get("service.clear") : c == 'K' ? t.get("service.ok") : String.valueOf(c);
            String id = c == 'C' ? "pin-clear" : c == 'K' ? "pin-ok" : "pin-" + c;
            Button key = ScreenParts.button(Styles.KEY_BUTTON, text, id);
            key.setMinSize(Math.max(90, text.length() * 18), 70);
            key.setOnAction(e -> pinKey(c));
            keys.add(key, i % 3, i / 3);
        }
        return keys;
    }

    /** Closes the PIN pad or the service screen. */
    void close() {
        clearEntered();
        panel = null;
        checking = false;
        overlay.getChildren().clear();
        overlay.setVisible(false);
    }

    void touched() {
        lastTouch = ctx.clock().instant();
    }

    /** Every second: closes when untouched for {@link #IDLE_CLOSE}; refreshes the live status. */
    void tick(Instant now) {
        if (!isOpen()) {
            return;
        }
        if (!now.isBefore(lastTouch.plus(IDLE_CLOSE))) {
            LOG.info("service screen closed after {} s untouched", IDLE_CLOSE.toSeconds());
            close();
            return;
        }
        if (panel != null && !now.isBefore(lastRefresh.plus(REFRESH))) {
            lastRefresh = now;
            panel.refresh(now);
        }
    }

    /** A new snapshot: a call closes everything at once; otherwise the panel shows it. */
    void show(CallSnapshot s) {
        if (isOpen() && !allowedIn(s)) {
            close();
        } else if (panel != null) {
            panel.show(s);
        }
    }

    private void pinKey(char c) {
        touched();
        if (checking) {
            return;
        }
        Texts t = Texts.of(model.locale());
        if (c == 'C') {
            clearEntered();
        } else if (c == 'K') {
            submit(t);
        } else if (entered.length < PinHash.MAX_DIGITS) {
            char[] longer = Arrays.copyOf(entered, entered.length + 1);
            longer[entered.length] = c;
            clearEntered();
            entered = longer;
        }
        pinDisplay.setText("●".repeat(entered.length));
    }

    private void submit(Texts t) {
        if (showLock(t)) {
            clearEntered();
            return;
        }
        char[] pin = entered;
        int digits = pin.length;
        entered = new char[0];
        checking = true;
        pinMessage.setText(t.get("service.pin.checking"));
        String stored = ctx.ui().servicePinHash().value();
        work.run("checking the service PIN", () -> {
            try {
                return ServicePin.verify(pin, stored);
            } finally {
                Arrays.fill(pin, '\0');
            }
        }, ok -> verified(ok, digits, t));
    }

    private void verified(boolean ok, int digits, Texts t) {
        checking = false;
        if (!isOpen()) {
            return;
        }
        if (ok) {
            gate.succeeded();
            LOG.info("service screen opened");
            if (digits < PinHash.MIN_DIGITS) {
                LOG.warn("the service PIN has only {} digits: make one of at least {} with "
                        + "\"hallphone --hash-pin\" and put it in ui.service-pin-hash", digits, PinHash.MIN_DIGITS);
            }
            openPanel(t);
            return;
        }
        int left = gate.failed();
        LOG.warn("wrong service PIN ({} tries left)", left);
        if (!showLock(t)) {
            pinMessage.setText(t.format("service.pin.wrong", left));
        }
        pinDisplay.setText("");
    }

    /** Shows the lock message when locked; true if so. */
    private boolean showLock(Texts t) {
        return gate.lockedUntil().map(until -> {
            pinMessage.setText(t.format("service.pin.locked",
                    LOCK_TIME.format(until.atZone(zone()))));
            return true;
        }).orElse(false);
    }

    private ZoneId zone() {
        return ctx.clock().getZone();
    }

    private void openPanel(Texts t) {
        panel = new ServicePanel(t, ctx, model, work, this::close);
        overlay.getChildren().setAll(panel.node());
        panel.show(model.snapshot());
        Instant now = ctx.clock().instant();
        lastRefresh = now;
        panel.refresh(now);
    }

    private void clearEntered() {
        Arrays.fill(entered, '\0');
        entered = new char[0];
    }
}
