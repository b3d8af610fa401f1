package org.hallphone.ui;

import static org.hallphone.ui.ScreenParts.body;
import static org.hallphone.ui.ScreenParts.emphasis;
import static org.hallphone.ui.ScreenParts.next;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;

/**
 * The screens after a call, while the handset is still lifted or was left so: the call is over, nobody was
 * reached, the line was cut off, the handset was left off the hook. The bad news ones end with the hotline and
 * the office: where else the patient can turn now.
 */
final class AfterCallScreens {

    private AfterCallScreens() {
    }

    static Screen ended(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("ended.body")));
        if (in.snapshot().endedBy() == EndedBy.TIMEOUT) {
            lines.add(body(t.get("ended.timeout")));
        }
        lines.add(next(emphasis(t.get("ended.hang-up"))));
        lines.add(next(body(t.get("ended.more"))));
        return Screen.still(ScreenParts.page(in, ScreenKind.ENDED, t.get("ended.heading"), lines, null));
    }

    static Screen notReached(ScreenInput in) {
        Texts t = in.texts();
        Outcome outcome = in.snapshot().lastOutcome();
        String heading = outcome == Outcome.BUSY ? "busy.heading"
                : outcome == Outcome.NO_ANSWER ? "noanswer.heading" : "failed.heading";
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("notreached.body")));
        lines.add(next(emphasis(t.get("notreached.retry"))));
        ScreenParts.addHotlineAndOffice(in, lines, "notreached.hotline");
        lines.add(next(body(t.get("notreached.pay"))));
        return Screen.still(ScreenParts.page(in, ScreenKind.NOT_REACHED, t.get(heading), lines, null));
    }

    static Screen dropped(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = new ArrayList<>();
        lines.add(body(t.get("dropped.body")));
        lines.add(next(emphasis(t.get("dropped.retry"))));
        ScreenParts.addHotlineAndOffice(in, lines, "notreached.hotline");
        return Screen.still(ScreenParts.page(in, ScreenKind.DROPPED, t.get("dropped.heading"), lines, null));
    }

    static Screen leftOffhook(ScreenInput in) {
        Texts t = in.texts();
        List<Node> lines = List.of(body(t.get("offhook.body")), next(emphasis(t.get("offhook.why"))));
        return Screen.still(ScreenParts.page(in, ScreenKind.LEFT_OFFHOOK, t.get("offhook.heading"), lines, null));
    }
}
