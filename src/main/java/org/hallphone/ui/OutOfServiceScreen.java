package org.hallphone.ui;

import static org.hallphone.ui.ScreenParts.body;
import static org.hallphone.ui.ScreenParts.emphasis;
import static org.hallphone.ui.ScreenParts.next;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import org.hallphone.call.Fault;

/**
 * The terminal cannot call: the cause in plain words, whether it mends itself, and where else to turn (the
 * hotline, the office, the reception desk).
 */
final class OutOfServiceScreen {

    private OutOfServiceScreen() {
    }

    static Screen build(ScreenInput in) {
        Texts t = in.texts();
        Fault fault = in.snapshot().fault();
        List<Node> lines = new ArrayList<>();
        lines.add(body(fault == null ? t.get("oos.unknown") : t.get("oos." + fault.name())));
        if (fault == Fault.HANDSET || fault == null) {
            // a broken handset does not mend itself: the reception desk first
            lines.add(next(emphasis(t.get("oos.reception"))));
        } else {
            lines.add(body(t.get("oos.heals")));
        }
        if (fault == Fault.REGISTRATION) {
            // the flow still tries to call when lifted: say so, it may well work
            lines.add(next(emphasis(t.get("oos.try"))));
        }
        ScreenParts.addHotline(in, lines, "oos.hotline");
        Node office = ScreenParts.office(in);
        if (office != null) {
            lines.add(next(office));
        }
        if (fault != Fault.HANDSET && fault != null) {
            lines.add(next(body(t.get("oos.reception"))));
        }
        String heading = fault == Fault.REGISTRATION ? "oos.heading.REGISTRATION" : "oos.heading";
        return Screen.still(ScreenParts.page(in, ScreenKind.OUT_OF_SERVICE, t.get(heading), lines, null));
    }
}
