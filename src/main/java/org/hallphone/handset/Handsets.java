package org.hallphone.handset;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent;
import org.hallphone.call.Timers;
import org.hallphone.config.HandsetConfig;

/** Builds the handset driver that {@code handset.port} asks for. */
public final class Handsets {

    private Handsets() {
    }

    /**
     * Returns a {@link SimulatedHandset} for {@code handset.port=simulated}, else the serial driver in
     * {@code handset.mode}. Nothing is opened until {@link HandsetDriver#start()}.
     *
     * @param events receives the driver's events (on the driver's thread); typically {@code callFlow::post}
     */
    public static HandsetDriver create(HandsetConfig config, Consumer<CallEvent> events) {
        if (config.simulated()) {
            return new SimulatedHandset(events);
        }
        return new SerialHandset(config, events, HandsetTap.NONE);
    }

    /**
     * A dry run of the text-mode decoding (bytes to lines to hook readings to the debouncer) with the configured
     * words, in memory and with timers that never fire, so that the first lift of the day runs compiled code.
     */
    public static void warmUp(HandsetConfig config) {
        if (config.simulated()) {
            return;
        }
        Debouncer debouncer = new Debouncer(config.debounce(), Timers.never(), HookState.RESTING, state -> { });
        TextMode text = new TextMode(config.textOffhook(), config.textOnhook(),
                new UnknownLines("warm-up", System::nanoTime), HandsetTap.NONE);
        byte[] lines = (config.textOffhook() + "\r\n" + config.textOnhook() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200; i++) {
            text.readings(lines, lines.length).forEach(debouncer::input);
        }
    }
}
