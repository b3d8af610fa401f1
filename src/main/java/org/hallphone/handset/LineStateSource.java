package org.hallphone.handset;

import java.io.IOException;

/** Reads the modem-status inputs now: jssc on a real port, a fake in tests (a pty cannot carry modem lines). */
interface LineStateSource {

    /** The current line levels; an {@link IOException} means the device is gone. */
    ModemLines read() throws IOException;
}
