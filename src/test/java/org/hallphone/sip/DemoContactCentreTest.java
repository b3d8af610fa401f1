package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.hallphone.call.CallEvent;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The --demo far end: rings, answers, echoes the caller's audio as its own RTP source, and takes a BYE. */
class DemoContactCentreTest {

    private final Events events = new Events();
    private final FakeMedia media = new FakeMedia();
    private DemoContactCentre centre;
    private SipPhone phone;

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
        if (centre != null) {
            centre.close();
        }
    }

    @Test
    void ringsAnswersAndTalksBack() throws Exception {
        centre = new DemoContactCentre(InetAddress.getLoopbackAddress(), 0);
        centre.start();
        assertTrue(centre.port() > 0);
        phone = new SipPhone(new TestKiosk().build(), media, "demo");
        phone.start(events);

        phone.dial(1, "sip:centre@127.0.0.1:" + centre.port(), 1);
        assertEquals(180, events.await(CallEvent.AttemptRinging.class).status());
        events.await(CallEvent.AttemptAnswered.class);
        FakeMedia.Session session = media.last();
        Wait.until("our audio back from another RTP source", Duration.ofSeconds(10),
                () -> session.patternFromOtherSource.get() >= 10);

        phone.hangUp(1);
        Wait.until("media closed", Duration.ofSeconds(5), () -> session.closed);
        assertTrue(events.of(CallEvent.RemoteHungUp.class).isEmpty(), "the terminal ended it, not the centre");
    }
}
