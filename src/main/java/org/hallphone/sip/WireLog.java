package org.hallphone.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message log ({@code gov.nist.javax.sip.SERVER_LOGGER}): every SIP message sent or received, at DEBUG on
 * logger {@code org.hallphone.sip.wire}, with digest responses masked. Instantiated by the stack by reflection.
 */
public final class WireLog implements ServerLogger {

    private static final Logger LOG = LoggerFactory.getLogger("org.hallphone.sip.wire");

    public WireLog() {
        // instantiated by the stack
    }

    @Override
    public void closeLogFile() {
        // nothing open
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, Redaction.mask(message.encode()));
        }
    }

    @Override
    public void logException(Exception ex) {
        LOG.debug("SIP stack exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // nothing to configure
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // not needed
    }
}
