package org.hallphone.calllog;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Every call-log row and every rating as one structured log event on the logger {@value #LOGGER}, so that the
 * records reach the centre over the logging a fleet already has (syslog, journald), see README "Records to the
 * centre". Each column is a key-value pair of the event (SLF4J 2 fluent API: a JSON or RFC 5424 layout carries
 * them as fields) and also a {@code key="value"} pair in the message, so a plain text log line holds the whole
 * row. The event's marker ({@code CALL} or {@code RATING}) names the kind; the RFC 5424 layout sends it as MSGID.
 *
 * <p>Rows hold no personal data (docs/call-log.md): the target and the caller of a call-back are SIP URIs of
 * the contact centre.
 */
final class RecordEvents {

    /** The logger a fleet operator routes to the centre. */
    static final String LOGGER = CallLog.RECORDS_LOGGER;

    static final Marker CALL = MarkerFactory.getMarker("CALL");
    static final Marker RATING = MarkerFactory.getMarker("RATING");

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private RecordEvents() {
    }

    /** One event for one row: {@code columns} and {@code values} in the same order. */
    static void emit(Marker kind, List<String> columns, List<String> values) {
        if (!log.isInfoEnabled(kind)) {
            return;
        }
        LoggingEventBuilder event = log.atInfo().addMarker(kind);
        StringBuilder message = new StringBuilder(kind.getName());
        for (int i = 0; i < columns.size(); i++) {
            String value = i < values.size() && values.get(i) != null ? oneLine(values.get(i)) : "";
            event.addKeyValue(columns.get(i), value);
            message.append(' ').append(columns.get(i)).append("=\"");
            quoted(message, value);
            message.append('"');
        }
        event.setMessage(message.toString()).log();
    }

    /** Control characters (which no legitimate value holds) become spaces, so an event is always one line. */
    static String oneLine(String value) {
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                if (clean == null) {
                    clean = new StringBuilder(value.substring(0, i));
                }
                clean.append(' ');
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? value : clean.toString();
    }

    /** Appends {@code value} with {@code \} and {@code "} escaped by a backslash (logfmt, journald's style). */
    private static void quoted(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
