package org.hallphone.sip;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves JAIN-SIP's callbacks from the stack's threads onto the SIP thread, so that state stays confined there. */
final class ListenerOnThread implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerOnThread.class);

    /**
     * Requests waiting for the SIP thread at most; more are dropped (the sender retransmits over UDP). Responses and
     * timer events are ours and always queued. Strangers never get this far (see {@link AdmissionValve}).
     */
    static final int MAX_PENDING_REQUESTS = 256;

    private final Executor thread;
    private final SipListener target;
    private final AtomicInteger pendingRequests = new AtomicInteger();
    private final RepeatedLog repeated = new RepeatedLog(LOG);

    ListenerOnThread(Executor thread, SipListener target) {
        this.thread = thread;
        this.target = target;
    }

    private void run(String what, Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // one bad message must never stop the SIP thread
                    LOG.error("handling {} failed", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("SIP phone closed; {} dropped", what);
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        if (pendingRequests.incrementAndGet() > MAX_PENDING_REQUESTS) {
            pendingRequests.decrementAndGet();
            repeated.warn("SIP thread busy: requests dropped",
                    "SIP thread busy ({} requests waiting): {} dropped", MAX_PENDING_REQUESTS,
                    event.getRequest().getMethod());
            return;
        }
        try {
            thread.execute(() -> {
                pendingRequests.decrementAndGet();
                try {
                    target.processRequest(event);
                } catch (RuntimeException e) {
                    LOG.error("handling {} failed", event.getRequest().getMethod(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            pendingRequests.decrementAndGet();
            LOG.debug("SIP phone closed; {} dropped", event.getRequest().getMethod());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        run("response", () -> target.processResponse(event));
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        run("time-out", () -> target.processTimeout(event));
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        run("I/O error", () -> target.processIOException(event));
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        run("transaction end", () -> target.processTransactionTerminated(event));
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        run("dialog end", () -> target.processDialogTerminated(event));
    }
}
