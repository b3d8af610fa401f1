package org.hallphone.handset;

import org.hallphone.testing.SocatPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallEvent.HandsetLifted;
import org.hallphone.call.CallEvent.HandsetLost;
import org.hallphone.call.CallEvent.HandsetReplaced;
import org.hallphone.call.CallEvent.HandsetRestored;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text-mode driver through jssc on a socat pty pair: the test plays the microcontroller. */
class SerialHandsetTextTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(5);
    /** Three times the 300 ms debounce of the chatter tests: a change settling late would have been reported. */
    private static final Duration QUIET_AFTER_DEBOUNCE = Duration.ofMillis(900);
    /** The requirement: a vanished port is noticed within 2 s. */
    private static final Duration LOSS_DEADLINE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final EventLog events = new EventLog();
    private SocatPair pair;
    private HandsetDriver driver;

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    private void startWith(Duration debounce) {
        pair = new SocatPair(dir).start();
        driver = Handsets.create(HandsetConfigs.text(pair.a(), debounce), events);
        driver.start();
        assertEquals(new HandsetRestored(false, false), events.awaitCount(1, EVENT_TIMEOUT));
        assertTrue(driver.connected());
    }

    @Test
    void linesWithLfOrCrlfSplitAcrossWritesBecomeEvents() {
        startWith(Duration.ofMillis(30));

        pair.write("OFFHOOK\n");
        assertEquals(new HandsetLifted(), events.awaitCount(2, EVENT_TIMEOUT));
        assertTrue(driver.lifted());

        pair.write("ONH");
        pair.write("OOK\r");
        pair.write("\n");
        assertEquals(new HandsetReplaced(), events.awaitCount(3, EVENT_TIMEOUT));
        assertFalse(driver.lifted());

        pair.write("HELLO FROM FIRMWARE 1.2\r\n");
        pair.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
        pair.write("  offhook \r\n");
        assertEquals(new HandsetLifted(), events.awaitCount(4, EVENT_TIMEOUT));

        assertEquals(List.of(new HandsetRestored(false, false), new HandsetLifted(), new HandsetReplaced(),
                new HandsetLifted()), events.all(), "unknown lines must not produce events");
    }

    @Test
    void chatterWithinTheDebounceTimeGivesNoEventAndASteadyChangeExactlyOne() {
        startWith(Duration.ofMillis(300));

        // Bouncing contact: several changes in one burst, ending where it began.
        pair.write("OFFHOOK\nONHOOK\nOFFHOOK\r\nONHOOK\n");
        // A steady lift, repeated by the device: one event, after the debounce time.
        pair.write("OFFHOOK\n");
        assertEquals(new HandsetLifted(), events.awaitCount(2, EVENT_TIMEOUT));
        pair.write("OFFHOOK\n");
        pair.write("OFFHOOK\n");
        // Replacing it proves the driver still listens, and that nothing came in between.
        pair.write("ONHOOK\n");
        assertEquals(new HandsetReplaced(), events.awaitCount(3, EVENT_TIMEOUT));
        Wait.never("no event may follow the replace: the repeated and bounced lines must not settle late",
                QUIET_AFTER_DEBOUNCE, () -> events.size() > 3);
        assertEquals(List.of(new HandsetRestored(false, false), new HandsetLifted(), new HandsetReplaced()),
                events.all());
    }

    @Test
    void chatterEndingLiftedGivesOneEvent() {
        startWith(Duration.ofMillis(300));

        pair.write("OFFHOOK\nONHOOK\nOFFHOOK\nONHOOK\nOFFHOOK\n");
        assertEquals(new HandsetLifted(), events.awaitCount(2, EVENT_TIMEOUT));
        Wait.never("one lift only: the chatter before it must not settle into a second event",
                QUIET_AFTER_DEBOUNCE, () -> events.size() > 2);
        assertEquals(2, events.size(), () -> "one lift only: " + events.all());
    }

    @Test
    void killedPairIsNoticedAndANewPairAtTheSamePathRestoresTheHandset() {
        startWith(Duration.ofMillis(30));

        pair.kill();
        CallEvent lost = events.awaitCount(2, LOSS_DEADLINE);
        assertInstanceOf(HandsetLost.class, lost);
        assertTrue(((HandsetLost) lost).cause().contains(pair.a().toString()), lost::toString);
        assertFalse(driver.connected());

        pair.start();
        assertEquals(new HandsetRestored(false, false), events.awaitCount(3, Duration.ofSeconds(15)));
        assertTrue(driver.connected());
        pair.write("OFFHOOK\n");
        assertEquals(new HandsetLifted(), events.awaitCount(4, EVENT_TIMEOUT));
    }

    @Test
    void killedPairWhileLiftedReportsLossAndRestoresResting() {
        startWith(Duration.ofMillis(30));
        pair.write("OFFHOOK\n");
        assertEquals(new HandsetLifted(), events.awaitCount(2, EVENT_TIMEOUT));

        pair.kill();
        assertInstanceOf(HandsetLost.class, events.awaitCount(3, LOSS_DEADLINE));
        assertFalse(driver.lifted(), "a lost handset is not lifted");

        pair.start();
        // Text mode cannot ask the device: resting until it speaks.
        assertEquals(new HandsetRestored(false, false), events.awaitCount(4, Duration.ofSeconds(15)));
        pair.write("OFFHOOK\r\n");
        assertEquals(new HandsetLifted(), events.awaitCount(5, EVENT_TIMEOUT));
        pair.write("ONHOOK\r\n");
        assertEquals(new HandsetReplaced(), events.awaitCount(6, EVENT_TIMEOUT));
    }

    @Test
    void absentPortAtStartIsReportedAndOpenedWhenItAppears() {
        pair = new SocatPair(dir);
        driver = Handsets.create(HandsetConfigs.text(pair.a(), Duration.ofMillis(30)), events);
        driver.start();
        CallEvent lost = events.awaitCount(1, EVENT_TIMEOUT);
        assertInstanceOf(HandsetLost.class, lost);
        assertTrue(((HandsetLost) lost).cause().contains("absent"), lost::toString);
        assertFalse(Files.exists(pair.a()));

        pair.start();
        assertEquals(new HandsetRestored(false, false), events.awaitCount(2, Duration.ofSeconds(15)));
        pair.write("OFFHOOK\n");
        assertEquals(new HandsetLifted(), events.awaitCount(3, EVENT_TIMEOUT));
        assertEquals(3, events.size(), () -> "one HandsetLost however many attempts failed: " + events.all());
    }
}
