package org.hallphone.archfixture.media;

import org.hallphone.archfixture.ops.ReadsMedia;

/** A media class that reaches back into ops: with {@link ReadsMedia} it closes a package cycle. */
public final class RtpPort {

    public int port() {
        return new ReadsMedia().hashCode();
    }
}
