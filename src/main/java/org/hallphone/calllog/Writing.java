package org.hallphone.calllog;

import java.time.Duration;

/**
 * How a {@link CallLog} writes: the seam between production ({@link #PRODUCTION}) and tests, which pick the disk
 * and decide when the heartbeat and the retry run.
 *
 * @param disk      how files are forced to disk ({@link Disk#FSYNC} in production)
 * @param heartbeat how often the markers of calls under way are touched ({@link CallLog#heartbeat})
 * @param retry     how often what could not be written is tried again ({@link CallLog#retryNow})
 * @param direct    writes run on the caller's thread instead of the writer thread
 */
record Writing(Disk disk, Duration heartbeat, Duration retry, boolean direct) {

    static final Writing PRODUCTION = new Writing(Disk.FSYNC, CallLog.HEARTBEAT, CallLog.RETRY, false);
    private static final Duration NOT_BY_ITSELF = Duration.ofDays(365);

    /** Writes on the caller's thread; the heartbeat and the retry run only when called. */
    static Writing direct(Disk disk) {
        return new Writing(disk, NOT_BY_ITSELF, NOT_BY_ITSELF, true);
    }

    /** Writes on the writer thread, retried every {@code retry}; the heartbeat runs only when called. */
    static Writing threaded(Disk disk, Duration retry) {
        return new Writing(disk, NOT_BY_ITSELF, retry, false);
    }
}
