package org.hallphone.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hallphone.config.ConfigLoader;
import org.hallphone.config.KioskConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The shared kit's own promises: a negative check that sees what happens, a configuration read as written. */
class TestKitTest {

    @TempDir
    Path dir;

    @Test
    void neverFailsNamingTheReasonWhenTheConditionTurnsTrue() {
        AtomicBoolean happened = new AtomicBoolean();
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            happened.set(true);
        });
        later.start();
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> Wait.never("a redial", Duration.ofSeconds(30), happened::get));
        assertTrue(failure.getMessage().contains("a redial"), failure.getMessage());
    }

    @Test
    void neverWatchesTheWholeDurationWhenNothingHappens() {
        long start = System.nanoTime();
        Wait.never("anything at all", Duration.ofMillis(200), () -> false);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(), "it looked for the whole time");
    }

    @Test
    void theWrittenFileHasOneKeyPerLineInTheOrderSetAndTheLoaderReadsIt() throws Exception {
        Path file = KioskProperties.required().set("call.cycles", 3).set("terminal.name", "Холл 2").writeIn(dir);
        assertEquals(List.of("terminal.id=hall-1", "terminal.name=Холл 2", "handset.port=simulated",
                "call.targets=sip:reps@pbx.example", "call.cycles=3"), Files.readAllLines(file, StandardCharsets.UTF_8));
        KioskConfig config = ConfigLoader.load(file);
        assertEquals(3, config.call().cycles());
        assertEquals("Холл 2", config.terminal().name());
    }

    @Test
    void anInvalidTestConfigurationFailsWithTheLoadersMessage() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> KioskProperties.unit(dir).set("sip.transprot", "udp").load());
        assertTrue(failure.getMessage().contains("sip.transprot: unknown key"), failure.getMessage());
    }

    @Test
    void closerClosesLastStartedFirstAndEveryOneEvenWhenOneThrows() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.add(() -> closed.add("peer"));
        closer.add(() -> {
            closed.add("pty");
            throw new IllegalStateException("pty stuck");
        });
        closer.add(() -> closed.add("terminal"));
        Exception failure = assertThrows(IllegalStateException.class, closer::close);
        assertEquals("pty stuck", failure.getMessage());
        assertEquals(List.of("terminal", "pty", "peer"), closed);
    }
}
