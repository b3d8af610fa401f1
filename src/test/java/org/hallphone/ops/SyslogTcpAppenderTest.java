package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender's own rules with a plain TCP listener: a receiver that is down never blocks the caller, a full queue
 * discards and counts, and what was queued arrives octet-counted once the receiver is up.
 */
class SyslogTcpAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private SyslogTcpAppender appender;

    @AfterEach
    void stop() {
        if (appender != null) {
            appender.stop();
        }
    }

    /** Writes the message as it is, so that the test sees exactly what was framed. */
    private static final class MessageOnly extends LayoutBase<ch.qos.logback.classic.spi.ILoggingEvent> {
        @Override
        public String doLayout(ch.qos.logback.classic.spi.ILoggingEvent event) {
            return event.getFormattedMessage();
        }
    }

    private void append(String message) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerName("hallphone.calls");
        event.setLevel(Level.INFO);
        event.setMessage(message);
        event.setTimeStamp(System.currentTimeMillis());
        appender.doAppend(event);
    }

    @Test
    void receiverDownDiscardsBeyondTheQueueAndDeliversTheRestWhenItComesUp() throws IOException {
        int port = FreePorts.udpAndTcp();
        MessageOnly layout = new MessageOnly();
        layout.setContext(context);
        appender = new SyslogTcpAppender();
        appender.setContext(context);
        appender.setHost("127.0.0.1");
        appender.setPort(port);
        appender.setQueueSize(3);
        appender.setMaxReconnectDelayMs(1000);
        appender.setLayout(layout);
        appender.start();
        assertTrue(appender.isStarted());

        for (int i = 0; i < 20; i++) {
            append("звонок " + i); // never waits for the absent receiver
        }
        long discarded = appender.discarded();
        assertTrue(discarded == 16 || discarded == 17, "queue of 3 plus at most one in hand: " + discarded);

        try (ServerSocket receiver = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(30_000);
            try (Socket connection = receiver.accept()) {
                connection.setSoTimeout(30_000);
                DataInputStream in = new DataInputStream(connection.getInputStream());
                List<String> messages = new ArrayList<>();
                int expected = (int) (20 - discarded);
                while (messages.size() < expected) {
                    messages.add(readFrame(in));
                }
                assertEquals("звонок 0", messages.get(0), "the oldest first");
                // The sender may take one into hand while the loop appends, so the discarded ones need not be
                // the last ones; what arrives is in the order it was appended, each once.
                List<Integer> numbers = messages.stream().map(m -> Integer.parseInt(m.substring("звонок ".length())))
                        .toList();
                assertEquals(numbers.stream().sorted().distinct().toList(), numbers, "in order, each once");
                Wait.until("the sender to count them", Duration.ofSeconds(10), () -> appender.sent() == expected);
            }
        }
        assertEquals(1, appender.connections());
    }

    @Test
    void startRefusesAMissingHostOrLayout() {
        appender = new SyslogTcpAppender();
        appender.setContext(context);
        appender.start();
        assertTrue(!appender.isStarted());
    }

    @Test
    void frameIsTheByteLengthASpaceAndTheMessage() {
        byte[] framed = SyslogTcpAppender.frame("ё1".getBytes(StandardCharsets.UTF_8));
        assertEquals("3 ё1", new String(framed, StandardCharsets.UTF_8));
    }

    /** RFC 6587 §3.4.1: MSG-LEN (decimal byte count) SP SYSLOG-MSG. */
    private static String readFrame(DataInputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        for (int b = in.read(); b != ' '; b = in.read()) {
            assertTrue(b >= '0' && b <= '9', "a digit of the length, got " + b);
            digits.write(b);
        }
        byte[] message = new byte[Integer.parseInt(digits.toString(StandardCharsets.US_ASCII))];
        in.readFully(message);
        return new String(message, StandardCharsets.UTF_8);
    }
}
