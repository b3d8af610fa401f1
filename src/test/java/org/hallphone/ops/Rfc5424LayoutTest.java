package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

/** One literal event in, one literal RFC 5424 message out. */
class Rfc5424LayoutTest {

    private final LoggerContext context = new LoggerContext();

    private Rfc5424Layout layout(String facility) {
        Rfc5424Layout layout = new Rfc5424Layout();
        layout.setContext(context);
        layout.setHostname("clinic-box-7");
        layout.setFacility(facility);
        layout.setZone(ZoneId.of("Europe/Moscow"));
        layout.start();
        return layout;
    }

    private LoggingEvent event(Level level, String message) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerName("hallphone.calls");
        event.setLevel(level);
        event.setMessage(message);
        event.setTimeStamp(Instant.parse("2026-12-02T16:44:05.123Z").toEpochMilli());
        return event;
    }

    private static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    @Test
    void keyValuePairsAreStructuredDataAndTheMarkerIsTheMsgId() {
        LoggingEvent event = event(Level.INFO, "RATING call_id=\"c-1\" rating=\"5\"");
        event.addMarker(MarkerFactory.getMarker("RATING"));
        event.addKeyValuePair(new KeyValuePair("call_id", "c-1"));
        event.addKeyValuePair(new KeyValuePair("target", "sip:a\"b]c\\d@x"));
        event.addKeyValuePair(new KeyValuePair("note", "two\nlines"));

        assertEquals("<134>1 2026-12-02T19:44:05.123+03:00 clinic-box-7 hallphone " + pid() + " RATING "
                        + "[hallphone@32473 call_id=\"c-1\" target=\"sip:a\\\"b\\]c\\\\d@x\" note=\"two lines\"] "
                        + "RATING call_id=\"c-1\" rating=\"5\"",
                layout("local0").doLayout(event));
    }

    @Test
    void plainEventHasNilValuesAndTheSeverityOfItsLevel() {
        assertEquals("<12>1 2026-12-02T19:44:05.123+03:00 clinic-box-7 hallphone " + pid() + " - - disk full",
                layout("user").doLayout(event(Level.WARN, "disk\tfull")), "one line: control characters are spaces");
        assertEquals("<187>1 2026-12-02T19:44:05.123+03:00 clinic-box-7 hallphone " + pid() + " - - boom",
                layout("LOCAL7").doLayout(event(Level.ERROR, "boom")));
        assertEquals(7, Rfc5424Layout.severity(Level.TRACE));
    }

    @Test
    void headerFieldsAndNamesKeepToTheirCharacterSets() {
        assertEquals("a_b_c", Rfc5424Layout.header("a b\u00e9c", 48));
        assertEquals("-", Rfc5424Layout.header("", 48));
        assertEquals("abc", Rfc5424Layout.header("abcdef", 3));
        assertEquals("k_v_x_y_", Rfc5424Layout.name("k=v]x\"y "));
        assertEquals(32, Rfc5424Layout.name("x".repeat(40)).length());
    }
}
