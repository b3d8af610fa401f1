package org.hallphone.handset;

import org.hallphone.config.HandsetConfig.LineSignal;

/**
 * Lines mode: the hook switch is wired to one modem input ({@code handset.lines.signal}); the lifted level is
 * {@code handset.lines.offhook-level}. With the switch between DTR/RTS (raised, so positive) and the input, a closed
 * switch reads high; which position of the cradle closes it depends on the switch, hence the configurable level.
 */
final class LineHookDecoder {

    private final LineSignal signal;
    private final boolean offhookHigh;

    LineHookDecoder(LineSignal signal, boolean offhookHigh) {
        this.signal = signal;
        this.offhookHigh = offhookHigh;
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

    @Override
    public String toString() {
        return signal + " " + (offhookHigh ? "high" : "low") + " = lifted";
    }
}
