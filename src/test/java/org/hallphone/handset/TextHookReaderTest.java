package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text mode end to end without a port: bytes in, debounced hook changes out, raw lines to the tap. */
class TextHookReaderTest {

    private final ManualTimers timers = new ManualTimers();
    private final List<HookState> changes = new ArrayList<>();
    private final List<String> raw = new ArrayList<>();
    private final UnknownLines unknown = new UnknownLines("test", () -> 0L);
    private final TextHookReader reader = new TextHookReader(new LineDecoder(),
            new TextHookDecoder("OFFHOOK", "ONHOOK"),
            new Debouncer(Duration.ofMillis(50), timers, HookState.RESTING, changes::add), unknown,
            new HandsetTap() {
                @Override
                public void rawLine(String line) {
                    raw.add(line);
                }
            });

    private void receive(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        reader.accept(bytes, bytes.length);
    }

    @Test
    void bytesBecomeDebouncedChanges() {
        receive("BOOT\r\nOFF");
        receive("HOOK\r\n");
        timers.advance(Duration.ofMillis(100));
        receive("ONHOOK\nOFFHOOK\n"); // a bounce: gone before the window ends
        timers.advance(Duration.ofMillis(100));
        receive("ONHOOK\n");
        timers.advance(Duration.ofMillis(100));
        assertEquals(List.of(HookState.LIFTED, HookState.RESTING), changes);
        assertEquals(List.of("BOOT", "OFFHOOK", "ONHOOK", "OFFHOOK", "ONHOOK"), raw);
    }

    @Test
    void overlongNoiseIsReportedOnceAndDoesNotBreakTheNextLine() {
        receive("\u00ff".repeat(1000) + "\nOFFHOOK\n");
        timers.advance(Duration.ofMillis(100));
        assertEquals(List.of(HookState.LIFTED), changes);
        assertFalse(unknown.report(TextHookReader.OVERLONG), "the over-long line was reported already");
    }
}
