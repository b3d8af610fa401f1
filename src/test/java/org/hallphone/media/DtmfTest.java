package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfTest {

    @Test
    void eventPayloadFollowsRfc4733() {
        assertArrayEquals(new byte[] {11, (byte) 0x8A, 0x03, 0x20},
                new TelephoneEvent(TelephoneEvent.eventFor('#'), true, 10, 800).toBytes());
        TelephoneEvent parsed = TelephoneEvent.parse(new byte[] {5, 0x0A, 0x00, (byte) 0xA0});
        assertEquals(new TelephoneEvent(5, false, 10, 160), parsed);
        assertEquals('5', parsed.digit());
        assertEquals(10, TelephoneEvent.eventFor('*'));
        assertEquals(15, TelephoneEvent.eventFor('d'));
        assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.eventFor('x'));
    }

    @Test
    void aDigitIsFiveTonePacketsThenThreeEndPacketsOnOneTimestamp() {
        DtmfSender sender = new DtmfSender();
        sender.enqueue('7');
        List<DtmfSender.Step> steps = new ArrayList<>();
        long ts = 1000;
        for (int tick = 0; tick < 8; tick++, ts += 160) {
            steps.add(sender.next(ts));
        }
        for (int i = 0; i < 8; i++) {
            DtmfSender.Step step = steps.get(i);
            assertEquals(1000, step.timestamp(), "same timestamp for the whole event");
            assertEquals(i == 0, step.marker(), "marker on the first packet only");
            assertEquals(7, step.event().event());
            assertEquals(10, step.event().volume());
            assertEquals(i >= 5, step.event().end(), "end bit on the last three");
            assertEquals(Math.min(i + 1, 5) * 160, step.event().duration());
        }
        assertNull(sender.next(ts), "voice resumes after the event");
        assertTrue(sender.idle());
    }

    @Test
    void digitsAreSeparatedByVoice() {
        DtmfSender sender = new DtmfSender();
        sender.enqueue('1');
        sender.enqueue('2');
        int tick = 0;
        for (; tick < 8; tick++) {
            assertEquals(1, sender.next(tick * 160L).event().event());
        }
        for (int gap = 0; gap < DtmfSender.GAP_PACKETS; gap++, tick++) {
            assertNull(sender.next(tick * 160L));
        }
        DtmfSender.Step second = sender.next(tick * 160L);
        assertEquals(2, second.event().event());
        assertTrue(second.marker());
        assertEquals(tick * 160L, second.timestamp());
    }

    @Test
    void receiverReportsEachDigitOnceAtItsEnd() {
        DtmfReceiver receiver = new DtmfReceiver();
        assertEquals(0, receiver.onEvent(500, new TelephoneEvent(3, false, 10, 160)));
        assertEquals(0, receiver.onEvent(500, new TelephoneEvent(3, false, 10, 320)));
        assertEquals('3', receiver.onEvent(500, new TelephoneEvent(3, true, 10, 800)));
        assertEquals(0, receiver.onEvent(500, new TelephoneEvent(3, true, 10, 800)));
        assertEquals(0, receiver.onEvent(500, new TelephoneEvent(3, true, 10, 800)));
        // the next event's end packets are all lost: it is reported when a third one starts
        assertEquals(0, receiver.onEvent(1300, new TelephoneEvent(11, false, 10, 160)));
        assertEquals('#', receiver.onEvent(2100, new TelephoneEvent(0, false, 10, 160)));
        assertEquals('0', receiver.onEvent(2100, new TelephoneEvent(0, true, 10, 480)));
        assertFalse(receiver.onEvent(2100, new TelephoneEvent(0, true, 10, 480)) != 0);
    }
}
