package org.hallphone.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipStack;
import javax.sip.address.SipURI;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link Admission} inside JAIN-SIP ({@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}): the stack asks the valve
 * about every request before it looks up or creates a transaction, so a refused request costs one parse and at most
 * one stateless 403. The stack instantiates the valve by reflection (hence public, with a public no-argument
 * constructor); it finds its stack's rules by the stack's name, registered by {@link SipEndpoint} before the stack
 * is built. Runs on the stack's reader threads.
 */
public final class AdmissionValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionValve.class);
    private static final Map<String, Admission> RULES = new ConcurrentHashMap<>();

    private volatile Admission admission;
    private volatile String stackName = "";

    public AdmissionValve() {
        // instantiated by the stack
    }

    /** Rules for the stack named {@code stackName}, before it is built. */
    static void register(String stackName, Admission admission) {
        RULES.put(stackName, admission);
    }

    static void unregister(String stackName) {
        RULES.remove(stackName);
    }

    @Override
    public void init(SipStack stack) {
        stackName = stack.getStackName();
        admission = RULES.get(stackName);
    }

    @Override
    public void destroy() {
        admission = null;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        Admission rules = admission;
        if (rules == null) {
            rules = RULES.get(stackName);
            if (rules == null) {
                return true; // a stack without rules (the demo contact centre)
            }
            admission = rules;
        }
        InetAddress source = channel.getPeerPacketSourceAddress();
        String user = request.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        boolean hasToTag = request.getTo() != null && request.getTo().getTag() != null;
        Admission.Decision d = rules.decide(request.getMethod(), hasToTag, user, source);
        switch (d.verdict()) {
            case PASS -> {
                return true;
            }
            case REFUSE -> {
                refuse(request, channel);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** 403 without a transaction: nothing is kept and nothing is retransmitted (RFC 3261 §8.2.6, §17.2.1). */
    private static void refuse(SIPRequest request, MessageChannel channel) {
        try {
            SIPResponse response = request.createResponse(Response.FORBIDDEN);
            if (response.getTo() != null && response.getTo().getTag() == null) {
                response.getTo().setTag(Ids.tag());
            }
            channel.sendMessage(response);
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            LOG.debug("cannot send a stateless 403: {}", e.toString());
        }
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }
}
