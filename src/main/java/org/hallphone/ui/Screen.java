package org.hallphone.ui;

import java.time.Instant;
import java.util.function.Consumer;
import javafx.scene.Node;

/**
 * One rendered patient screen.
 *
 * @param node   what goes in the middle of the window
 * @param ticker called every second on the FX thread (call timer, rotating rights information)
 */
record Screen(Node node, Consumer<Instant> ticker) {

    static Screen still(Node node) {
        return new Screen(node, now -> { });
    }
}
