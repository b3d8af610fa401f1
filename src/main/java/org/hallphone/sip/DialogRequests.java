package org.hallphone.sip;

import java.text.ParseException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Requests inside a confirmed dialog (RFC 3261 §12.2.1): built by the dialog, so route set and CSeq are right. */
final class DialogRequests {

    private static final Logger LOG = LoggerFactory.getLogger(DialogRequests.class);

    private DialogRequests() {
    }

    /** Ends the call with BYE (RFC 3261 §15.1.1); failures are logged, the call is over for us anyway. */
    static void bye(SipEndpoint endpoint, long attemptId, Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ViaHeader via = (ViaHeader) bye.getHeader(ViaHeader.NAME);
            if (via != null) {
                via.setBranch(Ids.branch()); // the stack's own branches are predictable (see Ids)
            }
            ClientTransaction tx = endpoint.provider().getNewClientTransaction(bye);
            dialog.sendRequest(tx);
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.warn("call {}: cannot send BYE: {}", attemptId, e.toString());
        }
    }
}
