package org.hallphone.ui;

import static org.hallphone.ui.ScreenParts.body;
import static org.hallphone.ui.ScreenParts.emphasis;
import static org.hallphone.ui.ScreenParts.next;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;

/**
 * The screens while a call is being set up: connecting (dialling or ringing, with the waiting time) and a
 * representative calling back. The talking screen has a class of its own ({@link TalkingScreen}).
 */
final class CallScreens {

    private CallScreens() {
    }

    static Screen connecting(ScreenInput in) {
        Texts t = in.texts();
        CallSnapshot s = in.snapshot();
        boolean ringing = s.state() == CallState.RINGING;
        List<Node> lines = new ArrayList<>();
        lines.add(next(body(t.get("connecting.body"))));
        if (ringing) {
            lines.add(body(t.get("connecting.ringing")));
        }
        if (s.attempt() > 1) {
            // no attempt number, no "another representative": the plan may try the same one again
            lines.add(emphasis(t.get("connecting.attempt")));
        }
        if (s.afterHours()) {
            lines.add(body(t.get("connecting.afterhours")));
        }
        Label waited = body("");
        waited.setId("waited");
        lines.add(waited);
        lines.add(next(body(t.get("connecting.moves-on"))));
        Node page = ScreenParts.page(in, ScreenKind.CONNECTING, t.get("connecting.heading"), lines, null);
        List<Node> dots = new ArrayList<>(page.lookupAll("." + Pictograms.DOT));
        List<Node> marks = new ArrayList<>(page.lookupAll("." + Pictograms.RING_MARK));
        Instant from = in.model().waitingSince().isAfter(Instant.MIN) ? in.model().waitingSince() : s.since();
        return new Screen(page, now -> {
            lightDots(dots, now);
            // while it rings, the marks beside the handset come and go once a second (0.5 Hz)
            boolean show = ringing && now.getEpochSecond() % 2 == 0;
            marks.forEach(m -> m.setVisible(show));
            waited.setText(t.format("connecting.waited", ScreenParts.clockText(from, now)));
        });
    }

    /** One dot after another, a second each: a filled disc for done, a ring for still to come. */
    private static void lightDots(List<Node> dots, Instant now) {
        int lit = Math.floorMod(now.getEpochSecond(), dots.size());
        for (int i = 0; i < dots.size(); i++) {
            dots.get(i).getStyleClass().remove(Pictograms.DOT_LIT);
            if (i <= lit) {
                dots.get(i).getStyleClass().add(Pictograms.DOT_LIT);
            }
        }
    }

    static Screen incoming(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = List.of(next(emphasis(t.get("incoming.body"))), next(body(t.get("incoming.others"))));
        Node page = ScreenParts.page(in, ScreenKind.INCOMING, t.get("incoming.heading"), lines, null);
        List<Node> marks = new ArrayList<>(page.lookupAll("." + Pictograms.RING_MARK));
        // for those who cannot hear the ring: the marks come and go once a second (0.5 Hz, far below 3 flashes/s)
        return new Screen(page, now -> marks.forEach(m -> m.setVisible(now.getEpochSecond() % 2 == 0)));
    }
}
