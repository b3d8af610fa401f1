package org.hallphone.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logback layout that writes one syslog message in the format of RFC 5424 (no framing, no line end):
 * <pre>{@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID key="value" ...] MSG}</pre>
 * The event's key-value pairs (SLF4J 2 {@code addKeyValue}, as the call-log events carry every column) become
 * the parameters of one structured-data element, so rsyslog, journald-remote, Graylog or Loki see them as fields;
 * its first marker becomes the MSGID ({@code CALL}, {@code RATING}). Properties for logback.xml:
 * {@code facility} (a name: {@code LOCAL0} .. {@code LOCAL7}, {@code USER}, ...; default {@code LOCAL0}),
 * {@code appName} (default {@code hallphone}), {@code hostname} (default the machine's name) and {@code sdId}.
 *
 * <p>{@code sdId} defaults to {@value #DEFAULT_SD_ID}: RFC 5424 §7.2.2 wants {@code name@<private enterprise
 * number>}, and 32473 is the number RFC 5612 reserves for examples and documentation; an operator with its own
 * IANA number sets it here.
 */
public final class Rfc5424Layout extends LayoutBase<ILoggingEvent> {

    static final String DEFAULT_SD_ID = "hallphone@32473";

    /** RFC 5424 §6.2.3: a full date and time with fractions and offset (RFC 3339). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);

    private static final List<String> FACILITIES = List.of("KERN", "USER", "MAIL", "DAEMON", "AUTH", "SYSLOG",
            "LPR", "NEWS", "UUCP", "CRON", "AUTHPRIV", "FTP", "NTP", "AUDIT", "ALERT", "CLOCK",
            "LOCAL0", "LOCAL1", "LOCAL2", "LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7");

    private int facility = FACILITIES.indexOf("LOCAL0");
    private String appName = "hallphone";
    private String hostname;
    private String sdId = DEFAULT_SD_ID;
    private String procId = Long.toString(ProcessHandle.current().pid());
    private ZoneId zone = ZoneId.systemDefault();

    public void setFacility(String name) {
        int code = FACILITIES.indexOf(name.trim().toUpperCase(Locale.ROOT));
        if (code < 0) {
            addError("unknown syslog facility " + name + "; one of " + FACILITIES);
            return;
        }
        facility = code;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public void setSdId(String sdId) {
        this.sdId = sdId;
    }

    /** The zone of the timestamp (default the machine's); the timestamp carries its offset, so any zone is exact. */
    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void start() {
        if (hostname == null || hostname.isBlank()) {
            hostname = localHostname();
        }
        super.start();
    }

    private String localHostname() {
        String name = getContext() == null ? null : getContext().getProperty(CoreConstants.HOSTNAME_KEY);
        if (name != null && !name.isBlank() && !name.equals("UNKNOWN_LOCALHOST")) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "-";
        }
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        // §6.2.1: PRI = facility * 8 + severity; §6.2.2: VERSION 1.
        out.append('<').append(facility * 8 + severity(event.getLevel())).append(">1 ");
        out.append(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp()).atZone(zone))).append(' ');
        out.append(header(hostname, 255)).append(' ');
        out.append(header(appName, 48)).append(' ');
        out.append(header(procId, 128)).append(' ');
        out.append(header(msgId(event), 32)).append(' ');
        structuredData(out, event.getKeyValuePairs());
        String message = event.getFormattedMessage();
        if (message != null && !message.isEmpty()) {
            out.append(' ');
            appendOneLine(out, message);
        }
        return out.toString();
    }

    /** §6.2.1 via RFC 5424 Table 2; TRACE and DEBUG are both "debug". */
    static int severity(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    private static String msgId(ILoggingEvent event) {
        List<Marker> markers = event.getMarkerList();
        return markers == null || markers.isEmpty() ? "-" : markers.get(0).getName();
    }

    /** §6.2: a header field is printable US-ASCII without spaces, of bounded length; "-" when empty. */
    static String header(String value, int maxLength) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && out.length() < maxLength; i++) {
            char c = value.charAt(i);
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.length() == 0 ? "-" : out.toString();
    }

    /** §6.3: one element holding every key-value pair, or NILVALUE. */
    private void structuredData(StringBuilder out, List<KeyValuePair> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            out.append('-');
            return;
        }
        out.append('[').append(name(sdId));
        for (KeyValuePair pair : pairs) {
            out.append(' ').append(name(pair.key)).append("=\"");
            String value = pair.value == null ? "" : String.valueOf(pair.value);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                // §6.3.3: '"', '\' and ']' are escaped with a backslash inside PARAM-VALUE.
                if (c == '"' || c == '\\' || c == ']') {
                    out.append('\\').append(c);
                } else {
                    out.append(Character.isISOControl(c) ? ' ' : c);
                }
            }
            out.append('"');
        }
        out.append(']');
    }

    /** §6.3.2/6.3.3: SD-NAME is 1-32 printable US-ASCII characters other than '=', ' ', ']' and '"'. */
    static String name(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; value != null && i < value.length() && out.length() < 32; i++) {
            char c = value.charAt(i);
            boolean allowed = c > 32 && c < 127 && c != '=' && c != ']' && c != '"';
            out.append(allowed ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    private static void appendOneLine(StringBuilder out, String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
    }
}
