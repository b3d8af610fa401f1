package org.hallphone.media;

import java.io.IOException;
import java.net.InetAddress;

/** Opens RTP sessions on the terminal's audio device. The SIP side holds one of these. */
public interface MediaSessions {

    /** Binds an even RTP port in the configured range on {@code local}. */
    MediaSession open(InetAddress local) throws IOException;
}
