package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.hallphone.call.CallState;
import org.hallphone.config.ConfigLoader;
import org.hallphone.config.KioskConfig;
import org.hallphone.media.AudioDevice;
import org.hallphone.media.FileDevice;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.hallphone.ui.FxTesting;
import org.hallphone.ui.KioskContext;
import org.hallphone.ui.ShownKiosk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "representative is speaking" sign driven by real audio through the whole terminal: the demo contact centre
 * (a real SIP peer on loopback) echoes the microphone back over RTP; while the microphone carries a tone the far
 * end "speaks" and the talking screen shows the sign, and when the microphone falls silent the sign goes.
 */
class SpeakingSignEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Terminal terminal;
    private ShownKiosk kiosk;

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (terminal != null) {
            terminal.close();
        }
    }

    /** A microphone that carries a 440 Hz tone at -12 dBFS while {@link #talking} is set, silence otherwise. */
    private static final class SwitchedMicrophone implements AudioDevice {
        private final FileDevice tone = FileDevice.tone(440, -12);
        volatile boolean talking = true;

        @Override
        public boolean play(short[] frame) {
            return true;
        }

        @Override
        public void capture(short[] frame) {
            tone.capture(frame);
            if (!talking) {
                java.util.Arrays.fill(frame, (short) 0);
            }
        }

        @Override
        public String describe() {
            return "switched tone";
        }

        @Override
        public void close() {
            tone.close();
        }
    }

    private boolean signShown() {
        return kiosk.visible("speaking");
    }

    @Test
    void theEchoedToneLightsTheSignAndSilencePutsItOut() throws Exception {
        int centre = FreePorts.udpAndTcp();
        KioskConfig config = ConfigLoader.demo(Map.of(
                "sip.local-port", "0",
                "call.targets", "sip:reps@127.0.0.1:" + centre,
                "calllog.dir", dir.toString(),
                "health.listen", "",
                "ui.language", "en"));
        SwitchedMicrophone microphone = new SwitchedMicrophone();
        microphone.talking = false;
        terminal = Terminal.start(config, true, Clock.systemDefaultZone(), microphone);
        TerminalServiceDesk desk = new TerminalServiceDesk(terminal, CommandLine.parse("--demo"), code -> { });
        KioskContext context = new KioskContext(config.ui(), terminal.calls(), terminal.manualHook(), desk,
                (callId, stars) -> { }, "test", terminal.startedAt(), true, Clock.systemDefaultZone());
        kiosk = ShownKiosk.open(context);

        terminal.manualHook().orElseThrow().setLifted(true);
        Wait.until("the demo centre answers", WAIT, () -> terminal.calls().snapshot().state() == CallState.TALKING);
        Wait.until("the talking screen", WAIT, () -> FxTesting.onFx(() -> kiosk.lookup("#speaking") != null));
        // the echo of silence has been arriving for a while (RTP flows within a few packets of the answer)
        Wait.until("talking for 1.5 s", WAIT, () -> Duration.between(terminal.calls().snapshot().since(),
                java.time.Instant.now()).toMillis() >= 1500);
        assertFalse(signShown(), "silence from the far end: no sign");

        microphone.talking = true;
        Wait.until("the echoed tone shows the sign", WAIT, this::signShown);
        microphone.talking = false;
        Wait.until("the echoed silence puts it out", WAIT, () -> !signShown());
        terminal.manualHook().orElseThrow().setLifted(false);
        Wait.until("the call written to the log", WAIT, () -> terminal.callLog().recent(1).size() == 1);
    }
}
