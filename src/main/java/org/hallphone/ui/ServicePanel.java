package org.hallphone.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.Outcome;

/**
 * The technician's service screen: live status, the last calls, today's counts, ratings, and the maintenance
 * buttons. Everything it reads from the service desk is fetched on the worker thread.
 */
final class ServicePanel {

    static final int RECENT_CALLS = 20;
    private static final DateTimeFormatter CALL_TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm:ss", Locale.ROOT);

    private final Texts t;
    private final KioskContext ctx;
    private final BackgroundWork work;
    private final VBox root;
    private final Label state = ScreenParts.body("");
    private final Label handsetLive = ScreenParts.body("");
    private final Label fault = ScreenParts.body("");
    private final Label handset = ScreenParts.body("");
    private final Label registration = ScreenParts.body("");
    private final Label lastError = ScreenParts.body("");
    private final Label addresses = ScreenParts.body("");
    private final Label audio = ScreenParts.body("");
    private final Label today = ScreenParts.body("");
    private final Label ratings = ScreenParts.body("");
    private final Label version = ScreenParts.body("");
    private final Label result = ScreenParts.label(Styles.SERVICE_RESULT, "");
    private final VBox calls = new VBox();
    private boolean busy;
    private boolean fetching;

    ServicePanel(Texts t, KioskContext ctx, CallViewModel model, BackgroundWork work, Runnable onClose) {
        this.t = t;
        this.ctx = ctx;
        this.work = work;
        result.setId("service-result");
        result.setWrapText(true); // the self-test verdict is a long line
        Label title = ScreenParts.label(Styles.SERVICE_TITLE, t.get("service.title"));
        VBox status = new VBox(state, handsetLive, fault, handset, registration, lastError, addresses, audio, today,
                ratings, version);
        status.setId("service-status");
        VBox recent = new VBox(ScreenParts.label(Styles.SERVICE_RESULT, t.get("service.calls")), calls);
        calls.setId("service-calls");
        HBox columns = new HBox(24, status, recent);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox.setHgrow(recent, Priority.ALWAYS);
        status.setPrefWidth(1);
        recent.setPrefWidth(1);
        VBox.setVgrow(columns, Priority.ALWAYS);

        Button testCall = ScreenParts.button(Styles.ACTION_BUTTON, t.get("service.test-call"), "service-test-call");
        testCall.setOnAction(e -> model.requestTestCall());
        Button audioTest = ScreenParts.button(Styles.ACTION_BUTTON, t.get("service.audio-test"), "service-audio-test");
        audioTest.setOnAction(e -> runTask("audio self-test", () -> ctx.service().runAudioSelfTest()));
        Button reload = ScreenParts.button(Styles.ACTION_BUTTON, t.get("service.reload"), "service-reload");
        reload.setOnAction(e -> runTask("configuration reload", () -> ctx.service().reloadConfiguration()));
        Button leave = ScreenParts.button(Styles.SECONDARY_BUTTON, t.get("service.leave"), "service-leave");
        leave.setOnAction(e -> work.run("leaving the kiosk", () -> ctx.service().leaveKiosk()));
        Button close = ScreenParts.button(Styles.SECONDARY_BUTTON, t.get("service.close"), "service-close");
        close.setOnAction(e -> onClose.run());
        FlowPane buttons = new FlowPane(12, 12, testCall, audioTest, reload, leave, close);

        root = new VBox(title, columns, result, buttons);
        root.getStyleClass().add(Styles.SERVICE);
        root.setId("service-screen");
    }

    Node node() {
        return root;
    }

    /** Shows what the call flow says (handset, fault) at once. */
    void show(CallSnapshot s) {
        state.setText(t.format("service.state", s.state()) + ", " + t.format("service.registered",
                yesNo(s.registered())));
        handsetLive.setText(t.format("service.hook", yesNo(s.handsetConnected()), yesNo(s.lifted())));
        fault.setText(t.format("service.fault", s.fault() == null ? t.get("service.none")
                : s.fault() + (s.faultCause().isBlank() ? "" : " (" + s.faultCause() + ")")));
    }

    /** Fetches the service desk's status, calls and counts on the worker thread. */
    void refresh(Instant now) {
        version.setText(t.format("service.version", ctx.version(), uptime(Duration.between(ctx.startedAt(), now))));
        if (fetching) {
            return; // the service desk is slow: do not pile up requests behind it
        }
        fetching = true;
        work.run("service status", this::fetch, data -> {
            fetching = false;
            showData(data);
        });
    }

    private ServiceData fetch() {
        try {
            return new ServiceData(ctx.service().status(), ctx.service().recentCalls(RECENT_CALLS),
                    ctx.service().todayCounts(), ctx.service().ratings(), "");
        } catch (RuntimeException e) {
            return new ServiceData(null, List.of(), Map.of(), null, String.valueOf(e.getMessage()));
        }
    }

    private void showData(ServiceData d) {
        if (d.status() != null) {
            handset.setText(t.format("service.handset", d.status().handset()));
            registration.setText(t.format("service.registration", d.status().registration()));
            lastError.setText(t.format("service.last-error",
                    d.status().lastError().isBlank() ? t.get("service.none") : d.status().lastError()));
            addresses.setText(t.format("service.addresses", String.join(", ", d.status().addresses())));
            audio.setText(t.format("service.audio", String.join(", ", d.status().audioDevices())));
        } else {
            lastError.setText(t.format("service.last-error", d.error()));
        }
        int total = d.counts().values().stream().mapToInt(Integer::intValue).sum();
        String byOutcome = d.counts().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().csv() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        today.setText(t.format("service.today", total + (byOutcome.isEmpty() ? "" : " (" + byOutcome + ")")));
        if (d.ratings() != null) {
            ratings.setText(t.format("service.ratings", d.ratings().count(),
                    String.format(Locale.ROOT, "%.1f", d.ratings().average())));
        }
        calls.getChildren().clear();
        if (d.calls().isEmpty()) {
            calls.getChildren().add(ScreenParts.body(t.get("service.no-calls")));
        }
        for (CallRecord call : d.calls()) {
            calls.getChildren().add(ScreenParts.body(callLine(call)));
        }
    }

    static String callLine(CallRecord c) {
        String outcome = c.outcome() == null ? "…" : c.outcome().csv();
        String line = c.startedAt().format(CALL_TIME) + "  " + c.direction().csv() + "  " + outcome
                + "  " + c.waitSeconds() + "/" + c.talkSeconds() + " s";
        if (c.outcome() != Outcome.ANSWERED && c.sipStatus() != 0) {
            line += "  " + c.sipStatus();
        }
        return c.target().isBlank() ? line : line + "  " + c.target();
    }

    private void runTask(String what, Supplier<String> task) {
        if (busy) {
            return;
        }
        busy = true;
        result.setText(t.get("service.running"));
        work.run(what, () -> {
            try {
                return task.get();
            } catch (RuntimeException e) {
                return what + ": " + e.getMessage();
            }
        }, text -> {
            busy = false;
            result.setText(text);
        });
    }

    private String yesNo(boolean value) {
        return t.get(value ? "service.yes" : "service.no");
    }

    static String uptime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d d %02d:%02d:%02d", s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    }

    private record ServiceData(ServiceDesk.ServiceStatus status, List<CallRecord> calls, Map<Outcome, Integer> counts,
            ServiceDesk.RatingSummary ratings, String error) {
    }
}
