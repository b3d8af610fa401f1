package org.hallphone.sip;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and sends the terminal's responses to requests (RFC 3261 §8.2.6), on the SIP thread. */
final class Responder {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final SipEndpoint endpoint;
    private final Requests requests;

    Responder(SipEndpoint endpoint, Requests requests) {
        this.endpoint = endpoint;
        this.requests = requests;
    }

    /** The request's server transaction, created if the stack made none; null for a retransmission. */
    ServerTransaction serverTransaction(RequestEvent event) {
        ServerTransaction tx = event.getServerTransaction();
        if (tx != null) {
            return tx;
        }
        try {
            return endpoint.provider().getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null; // a retransmission raced us; the first copy is being handled
        } catch (TransactionUnavailableException | RuntimeException e) {
            LOG.debug("no server transaction for {}: {}", event.getRequest().getMethod(), e.toString());
            return null;
        }
    }

    /** OPTIONS outside a call (RFC 3261 §11.2): 200 with what the terminal supports. */
    void options(RequestEvent event) {
        try {
            Response ok = endpoint.messages().createResponse(Response.OK, event.getRequest());
            requests.addIdentity(ok);
            ok.addHeader(endpoint.headers().createAcceptHeader("application", "sdp"));
            send(event.getServerTransaction(), ok);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("cannot answer OPTIONS: {}", e.toString());
        }
    }

    /** A request the terminal does not handle: {@code status} (405 lists what it allows); ACK gets nothing. */
    void refuse(RequestEvent event, int status) {
        if (Request.ACK.equals(event.getRequest().getMethod())) {
            return;
        }
        respond(event.getServerTransaction(), event.getRequest(), status, null, null);
    }

    private void send(ServerTransaction tx, Response response) throws SipException, InvalidArgumentException {
        if (tx != null) {
            tx.sendResponse(response);
        } else {
            endpoint.provider().sendResponse(response);
        }
    }

    /**
     * Sends {@code status} for {@code request}, with {@code toTag} (or a fresh tag on a final response, §8.2.6.2),
     * our Contact and identity on a 2xx to INVITE, and {@code sdp} as the body when not null.
     */
    void respond(ServerTransaction tx, Request request, int status, String sdp, String toTag) {
        try {
            Response response = endpoint.messages().createResponse(status, request);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null && toTag != null) {
                to.setTag(toTag);
            } else if (to.getTag() == null && status >= 200) {
                to.setTag(Requests.newTag());
            }
            if (status < 300 && Request.INVITE.equals(request.getMethod())) {
                requests.completeResponse(response);
            } else if (status == Response.METHOD_NOT_ALLOWED) {
                requests.addIdentity(response);
            }
            if (sdp != null) {
                ContentTypeHeader type = endpoint.headers().createContentTypeHeader("application", "sdp");
                response.setContent(sdp, type);
            }
            send(tx, response);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("cannot send {} to {}: {}", status, request.getMethod(), e.toString());
        }
    }
}
