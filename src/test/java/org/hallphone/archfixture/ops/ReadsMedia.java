package org.hallphone.archfixture.ops;

import org.hallphone.archfixture.media.RtpPort;

/** An ops class that reads a media class: an adapter depending on another adapter. */
public final class ReadsMedia {

    public Object port() {
        return RtpPort.class;
    }
}
