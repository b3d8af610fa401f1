package org.hallphone.ui;

import java.time.Instant;
import java.util.function.Consumer;
import javafx.scene.Node;
import org.hallphone.call.EarpieceLevel;

/**
 * One rendered patient screen.
 *
 * @param node   what goes in the middle of the window
 * @param ticker called every second on the FX thread (call timer, waiting time, gentle pulses, rights text)
 * @param live   called a few times a second on the FX thread with the earpiece's reading (the "representative is
 *               speaking" sign, the volume level); most screens ignore it
 */
record Screen(Node node, Consumer<Instant> ticker, Consumer<EarpieceLevel> live) {

    Screen(Node node, Consumer<Instant> ticker) {
        this(node, ticker, level -> { });
    }

    static Screen still(Node node) {
        return new Screen(node, now -> { });
    }
}
