package org.hallphone.sip;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** Captures everything logged (SIP wire and stack at DEBUG too) while open, to look for what must never appear. */
final class LogCapture implements AutoCloseable {

    private static final List<String> VERBOSE = List.of("org.hallphone", "gov.nist", "javax.sip");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;
    private final Map<String, Level> saved = new HashMap<>();

    LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (String name : VERBOSE) {
            Logger l = context.getLogger(name);
            saved.put(name, l.getLevel());
            l.setLevel(Level.DEBUG);
        }
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    /** Every captured line, formatted, with stack traces. */
    String text() {
        return List.copyOf(appender.list).stream().map(e -> {
            String line = e.getLoggerName() + " " + e.getFormattedMessage();
            return e.getThrowableProxy() == null ? line
                    : line + "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
        }).collect(Collectors.joining("\n"));
    }

    long count(String loggerPrefix, String contains) {
        return List.copyOf(appender.list).stream()
                .filter(e -> e.getLoggerName().startsWith(loggerPrefix) && e.getFormattedMessage().contains(contains))
                .count();
    }

    /** Lines at {@code level} or above from loggers under {@code loggerPrefix} that contain {@code contains}. */
    long countAtLeast(Level level, String loggerPrefix, String contains) {
        return List.copyOf(appender.list).stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(level) && e.getLoggerName().startsWith(loggerPrefix)
                        && e.getFormattedMessage().contains(contains))
                .count();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        saved.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
