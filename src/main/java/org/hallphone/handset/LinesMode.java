package org.hallphone.handset;

import java.io.IOException;
import org.hallphone.config.HandsetConfig.LineSignal;

/**
 * Lines mode, pure: the hook switch is wired to one modem input ({@code handset.lines.signal}); the lifted level is
 * {@code handset.lines.offhook-level}. With the switch between DTR/RTS (raised, so positive) and the input, a closed
 * switch reads high; which position of the cradle closes it depends on the switch, hence the configurable level.
 * The driver reads the inputs on a steady poll (jssc's line events are a busy loop) and hands each reading to its
 * debouncer. Confined to the driver's thread.
 */
final class LinesMode {

    private final LineSignal signal;
    private final boolean offhookHigh;
    private final HandsetTap tap;
    private ModemLines last;

    LinesMode(LineSignal signal, boolean offhookHigh, HandsetTap tap) {
        this.signal = signal;
        this.offhookHigh = offhookHigh;
        this.tap = tap;
    }

    /** Reads the inputs once; the tap sees them when they changed, and on the first read after {@link #reset}. */
    HookState read(LineStateSource source) throws IOException {
        ModemLines now = source.read();
        HookState reading = decode(now);
        if (!now.equals(last)) {
            last = now;
            tap.lineState(now, reading);
        }
        return reading;
    }

    HookState decode(ModemLines lines) {
        boolean high = switch (signal) {
            case CTS -> lines.cts();
            case DSR -> lines.dsr();
            case DCD -> lines.dcd();
            case RI -> lines.ri();
        };
        return HookState.of(high == offhookHigh);
    }

    /** Forgets the last inputs (the port was reopened), so the next read shows them. */
    void reset() {
        last = null;
    }

    @Override
    public String toString() {
        return signal + " " + (offhookHigh ? "high" : "low") + " = lifted";
    }
}
