package org.hallphone.calllog;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What has gone wrong with the call log's writes: the failed writes since start and the current problem in a
 * technician's words (empty when none), for {@link CallLog#status}. Thread-safe.
 */
final class WriteTrouble {

    private final AtomicLong errors = new AtomicLong();
    private volatile String problem = "";

    /** A write failed; the problem stays as it was. */
    void count() {
        errors.incrementAndGet();
    }

    /** A write failed because of {@code problem}. */
    void failed(String problem) {
        count();
        this.problem = problem;
    }

    /** Sets the problem without counting a failed write (empty: healed). */
    void problem(String problem) {
        this.problem = problem;
    }

    String problem() {
        return problem;
    }

    long errors() {
        return errors.get();
    }
}
