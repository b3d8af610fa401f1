package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.hallphone.call.CallEvent;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;

/** start/close leave no threads behind (JAIN-SIP's event and timer threads are not daemons). */
class LifecycleTest {

    private static Set<Thread> liveNonDaemon() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static String names(Set<Thread> before) {
        Set<Thread> now = liveNonDaemon();
        now.removeAll(before);
        return now.stream().map(Thread::getName).collect(Collectors.joining(", "));
    }

    @Test
    void closeStopsEveryThreadItStarted() throws Exception {
        Set<Thread> before = liveNonDaemon();
        Events events = new Events();
        SipPhone phone = new SipPhone(new TestKiosk().build(), new FakeMedia(), "t");
        phone.start(events);
        assertTrue(phone.status().localContact().startsWith("127.0.0.1:"), phone.status().toString());
        assertTrue(phone.status().registered(), "no registrar: counts as registered");
        assertEquals(new CallEvent.NetworkChanged(true, ""), events.await(CallEvent.NetworkChanged.class));
        phone.close();
        phone.close(); // idempotent

        Wait.until("threads stopped: " + names(before), Duration.ofSeconds(10), () -> {
            Set<Thread> now = liveNonDaemon();
            now.removeAll(before);
            return now.isEmpty();
        });
        assertEquals(0, phone.localPort());
        phone.dial(1, "sip:x@127.0.0.1", 1); // after close: dropped, no exception
    }
}
