package org.hallphone.handset;

/**
 * A hook-switch driver. It only reports facts ({@code HandsetLifted}, {@code HandsetReplaced}, {@code HandsetLost},
 * {@code HandsetRestored}) to the consumer given to {@link Handsets#create}; the call flow decides what they mean.
 *
 * <p>Once {@link #start() started}, the driver posts {@code HandsetRestored(lifted)} as soon as it has its device
 * (at once for the simulated handset), or {@code HandsetLost(cause)} when the device is absent, and keeps trying.
 */
public interface HandsetDriver extends AutoCloseable {

    /** Opens the device (or starts trying to) on the driver's own daemon thread; returns at once. */
    void start();

    /** Stops the driver's thread and closes the device; no event is posted afterwards. Idempotent. */
    @Override
    void close();

    /** True while the device is open and answering. */
    boolean connected();

    /** The debounced hook state; false while the device is lost (text mode: false until the device says). */
    boolean lifted();
}
