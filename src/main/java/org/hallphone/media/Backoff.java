package org.hallphone.media;

/** When to try reopening a lost audio device: 0.5 s after the failure, doubling up to 10 s. */
final class Backoff {

    static final long FIRST_MILLIS = 500;
    static final long MAX_MILLIS = 10_000;

    private long delayMillis;
    private long nextAttemptNanos;

    boolean due() {
        return System.nanoTime() - nextAttemptNanos >= 0;
    }

    void failed() {
        delayMillis = delayMillis == 0 ? FIRST_MILLIS : Math.min(MAX_MILLIS, delayMillis * 2);
        nextAttemptNanos = System.nanoTime() + delayMillis * 1_000_000;
    }

    void succeeded() {
        delayMillis = 0;
    }
}
