package org.hallphone.handset;

import java.util.function.Consumer;
import org.hallphone.call.CallEvent;
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
}
