package org.hallphone.calllog;

/** What the kiosk and the service screen do with patients' ratings ({@link RatingLog} implements it). */
public interface Ratings {

    /**
     * Stores a rating (1 to 5 stars) of the call {@code callId}; waits for the disk, so not on the FX thread.
     *
     * @return true when stored, false when it could not be written (logged)
     * @throws IllegalArgumentException when {@code stars} is out of range or {@code callId} is empty
     */
    boolean record(String callId, int stars);

    /** Today's ratings. */
    RatingCounts today();
}
