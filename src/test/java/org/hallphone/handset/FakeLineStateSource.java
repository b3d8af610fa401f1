package org.hallphone.handset;

import java.io.IOException;

/** Modem inputs set by the test; can be made to fail like an unplugged adapter. */
final class FakeLineStateSource implements LineStateSource {

    private ModemLines lines = new ModemLines(false, false, false, false);
    private boolean broken;
    private int reads;

    void set(ModemLines now) {
        lines = now;
    }

    void breakDevice() {
        broken = true;
    }

    int reads() {
        return reads;
    }

    @Override
    public ModemLines read() throws IOException {
        reads++;
        if (broken) {
            throw new IOException("adapter unplugged");
        }
        return lines;
    }
}
