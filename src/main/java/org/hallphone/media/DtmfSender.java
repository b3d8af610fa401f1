package org.hallphone.media;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Turns queued digits into RFC 4733 packets, one per 20 ms tick. Each digit is a 100 ms event: packets with the
 * same timestamp (the event's start, §2.5.1.1) and a growing duration, the marker bit on the first, then three
 * end packets with the final duration (§2.5.1.4 asks for the end to be retransmitted), then 60 ms of voice
 * before the next digit. Not thread-safe: the engine's clock thread owns it.
 */
final class DtmfSender {

    /** RFC 4733 §2.3.4: volume in -dBm0; 10 is the customary level for DTMF. */
    static final int VOLUME = 10;
    static final int TONE_PACKETS = 5;
    static final int END_PACKETS = 3;
    static final int GAP_PACKETS = 3;

    /** What to send this tick instead of voice. */
    record Step(TelephoneEvent event, boolean marker, long timestamp) {
    }

    private final Queue<Character> digits = new ArrayDeque<>();
    private int event = -1;
    private long eventTimestamp;
    private int packetIndex;
    private int gapLeft;

    void enqueue(char digit) {
        TelephoneEvent.eventFor(digit); // rejects what is not a digit before it is queued
        digits.add(digit);
    }

    boolean idle() {
        return event < 0 && digits.isEmpty();
    }

    /** The event packet for this tick, or null to send voice; {@code timestamp} is the tick's RTP timestamp. */
    Step next(long timestamp) {
        if (event < 0) {
            if (gapLeft > 0) {
                gapLeft--;
                return null;
            }
            Character digit = digits.poll();
            if (digit == null) {
                return null;
            }
            event = TelephoneEvent.eventFor(digit);
            eventTimestamp = timestamp;
            packetIndex = 0;
        }
        int samples = Codec.SAMPLES_PER_PACKET;
        Step step;
        if (packetIndex < TONE_PACKETS) {
            step = new Step(new TelephoneEvent(event, false, VOLUME, (packetIndex + 1) * samples),
                    packetIndex == 0, eventTimestamp);
        } else {
            step = new Step(new TelephoneEvent(event, true, VOLUME, TONE_PACKETS * samples), false, eventTimestamp);
        }
        packetIndex++;
        if (packetIndex >= TONE_PACKETS + END_PACKETS) {
            event = -1;
            gapLeft = GAP_PACKETS;
        }
        return step;
    }
}
