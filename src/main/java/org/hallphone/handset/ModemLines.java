package org.hallphone.handset;

/** The four modem-status inputs of a serial port, true when the line is high (asserted). */
record ModemLines(boolean cts, boolean dsr, boolean dcd, boolean ri) {

    /** From jssc's {@code getLinesStatus()}: CTS, DSR, RING, RLSD (DCD), each 1 when asserted. */
    static ModemLines fromJssc(int[] status) {
        if (status == null || status.length < 4) {
            throw new IllegalArgumentException("expected four line states from jssc");
        }
        return new ModemLines(status[0] != 0, status[1] != 0, status[3] != 0, status[2] != 0);
    }

    @Override
    public String toString() {
        return "CTS=" + bit(cts) + " DSR=" + bit(dsr) + " DCD=" + bit(dcd) + " RI=" + bit(ri);
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }
}
