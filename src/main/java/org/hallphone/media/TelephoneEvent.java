package org.hallphone.media;

/**
 * The payload of an RFC 4733 telephone-event packet (§2.3): event code, end bit, volume (dBm0 below 0, 0..63)
 * and duration in timestamp units (samples) since the event's timestamp.
 */
record TelephoneEvent(int event, boolean end, int volume, int duration) {

    static final int BYTES = 4;
    private static final String DIGITS = "0123456789*#ABCD";

    TelephoneEvent {
        if (event < 0 || event > 255 || volume < 0 || volume > 63 || duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException(
                    "telephone-event out of range: " + event + "/" + volume + "/" + duration);
        }
    }

    /** RFC 4733 §3.2: events 0-9, * = 10, # = 11, A-D = 12-15. */
    static int eventFor(char digit) {
        int index = DIGITS.indexOf(Character.toUpperCase(digit));
        if (index < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        return index;
    }

    static boolean isDigit(char c) {
        return DIGITS.indexOf(Character.toUpperCase(c)) >= 0;
    }

    /** The digit of a DTMF event, or 0 for other events (flash, tones). */
    char digit() {
        return event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }

    byte[] toBytes() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }

    static TelephoneEvent parse(byte[] payload) {
        if (payload.length < BYTES) {
            throw new IllegalArgumentException("telephone-event payload of " + payload.length + " bytes");
        }
        return new TelephoneEvent(payload[0] & 0xFF, (payload[1] & 0x80) != 0, payload[1] & 0x3F,
                ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF));
    }
}
