package org.hallphone.handset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hallphone.call.CallEvent.HandsetLifted;
import org.hallphone.call.CallEvent.HandsetReplaced;
import org.hallphone.call.CallEvent.HandsetRestored;
import org.junit.jupiter.api.Test;

class SimulatedHandsetTest {

    private final EventLog events = new EventLog();

    @Test
    void factoryGivesTheSimulatedHandsetForSimulatedPort() {
        try (HandsetDriver driver = Handsets.create(HandsetConfigs.defaults(), events)) {
            assertInstanceOf(SimulatedHandset.class, driver);
        }
    }

    @Test
    void reportsStateAtStartAndEveryChangeOnce() {
        try (SimulatedHandset handset = new SimulatedHandset(events)) {
            assertFalse(handset.connected());
            handset.start();
            assertTrue(handset.connected());
            handset.setLifted(true);
            handset.setLifted(true);
            assertTrue(handset.lifted());
            handset.toggle();
            assertFalse(handset.lifted());
            assertEquals(List.of(new HandsetRestored(false), new HandsetLifted(), new HandsetReplaced()),
                    events.all());
        }
    }

    @Test
    void liftedBeforeStartIsReportedByStart() {
        try (SimulatedHandset handset = new SimulatedHandset(events)) {
            handset.setLifted(true);
            handset.start();
            assertEquals(List.of(new HandsetRestored(true)), events.all());
        }
    }

    @Test
    void keyboardBlankLinesToggleOtherLinesAreIgnored() throws InterruptedException {
        try (SimulatedHandset handset = new SimulatedHandset(events)) {
            handset.start();
            String typed = " \nhello\n\n";
            Thread reader = handset.readKeyboard(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
            reader.join(5000);
            assertFalse(reader.isAlive());
            assertEquals(List.of(new HandsetRestored(false), new HandsetLifted(), new HandsetReplaced()),
                    events.all());
        }
    }

    @Test
    void nothingIsPostedAfterClose() {
        SimulatedHandset handset = new SimulatedHandset(events);
        handset.start();
        handset.close();
        handset.setLifted(true);
        assertFalse(handset.connected());
        assertEquals(List.of(new HandsetRestored(false)), events.all());
    }
}
