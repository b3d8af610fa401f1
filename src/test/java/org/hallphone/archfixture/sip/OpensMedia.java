package org.hallphone.archfixture.sip;

import org.hallphone.archfixture.media.RtpPort;

/** The one allowed reach between adapters: sip opens the call's media. */
public final class OpensMedia {

    public int open() {
        return new RtpPort().port();
    }
}
