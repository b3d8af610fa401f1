package org.hallphone.media;

import java.util.Locale;
import org.hallphone.call.AudioDeviceStats;
import org.hallphone.call.MediaStats;
import org.hallphone.call.RemoteReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one log line per call that sums up its audio: RTP, jitter buffer, sound device and the far end's RTCP. */
final class CallAudioLog {

    private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);

    private CallAudioLog() {
    }

    static void log(MediaStats stats, JitterBuffer.Figures jb, AudioDeviceStats sound) {
        RemoteReport far = stats.remote();
        LOG.info("Call audio: sent {} received {} lost {} late {} jitter {} ms; concealed {} underruns {} "
                        + "duplicates {} restarts {}; jitter buffer {} ms, mean wait {} ms; {}; "
                        + "foreign {} invalid {} (refused by SRTP {}); far end's RTCP: {} reports, loss {}% "
                        + "(cumulative {}), jitter {} ms, round trip {} ms",
                stats.packetsSent(), stats.packetsReceived(), stats.packetsLost(), stats.packetsLate(),
                oneDecimal(stats.jitterMillis()), jb.concealed(), jb.underruns(), jb.duplicates(), jb.restarts(),
                jb.targetMillis(), oneDecimal(jb.meanDelayMillis()), sound.describe(),
                stats.packetsForeign(), stats.packetsInvalid(), stats.packetsRefused(), far.reports(),
                oneDecimal(far.fractionLost() * 100), far.cumulativeLost(), oneDecimal(far.jitterMillis()),
                Double.isNaN(far.roundTripMillis()) ? "-" : String.format(Locale.ROOT, "%.0f", far.roundTripMillis()));
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
