package org.hallphone.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's internal log ({@code gov.nist.javax.sip.STACK_LOGGER}) sent to SLF4J logger {@code gov.nist.javax.sip}.
 * The stack instantiates it by reflection, hence public with a public no-argument constructor. Levels follow the
 * SLF4J configuration; text is redacted because the stack's debug output contains whole messages.
 */
public final class StackLog implements StackLogger {

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
    /** Malformed messages from the network: one line a minute and a count, however many arrive. */
    private static final RepeatedLog REPEATED = new RepeatedLog(LOG);
    private static final Pattern TLS_DEFAULTS =
            Pattern.compile("(?i)(tls security policy|keystore type|truststore type|TLS key store|TLS trust)");

    public StackLog() {
        // instantiated by the stack
    }

    @Override
    public void logStackTrace() {
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("SIP stack exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug("{}", Redaction.mask(message));
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug("{}", Redaction.mask(message), ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace("{}", Redaction.mask(message));
    }

    @Override
    public void logFatalError(String message) {
        LOG.error("{}", Redaction.mask(message));
    }

    @Override
    public void logError(String message) {
        if (message != null && (message.startsWith("bad message") || message.startsWith(">>> Dropped Bad Msg"))) {
            // a malformed message from the network is the sender's fault, not ours: no ERROR, and bounded text
            REPEATED.warn("dropped a malformed SIP message", "dropped a malformed SIP message: {}",
                    Redaction.mask(firstLine(message)));
            return;
        }
        LOG.error("{}", Redaction.mask(message));
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isErrorEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        }
        if (logLevel >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        if (logLevel >= TRACE_INFO) {
            return LOG.isInfoEnabled();
        }
        if (logLevel >= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        return logLevel > TRACE_NONE && LOG.isErrorEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        if (ex instanceof InterruptedException) {
            // how SipEndpoint.close() ends the event thread that stop() leaves blocked
            LOG.debug("{}", message);
            return;
        }
        LOG.error("{}", Redaction.mask(message), ex);
    }

    @Override
    public void logWarning(String message) {
        if (message != null && message.startsWith("Null request interface returned")) {
            // a request AdmissionValve refused or dropped: it logs that itself, collapsed
            LOG.debug("{}", message);
            return;
        }
        if (message != null && TLS_DEFAULTS.matcher(message).find()) {
            // the stack warns about TLS defaults on every start, whatever the transport: not worth a WARN
            LOG.debug("{}", message);
            return;
        }
        LOG.warn("{}", Redaction.mask(message));
    }

    @Override
    public void logInfo(String message) {
        LOG.info("{}", Redaction.mask(message));
    }

    @Override
    public void disableLogging() {
        // levels are SLF4J's business
    }

    @Override
    public void enableLogging() {
        // levels are SLF4J's business
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // nothing to configure: SLF4J decides
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
