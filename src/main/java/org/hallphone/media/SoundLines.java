package org.hallphone.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds javax.sound mixers by a stable name and opens their lines in the first format they accept: 8 kHz mono
 * 16-bit first, then the rates USB sound cards and PulseAudio prefer (the caller converts).
 */
final class SoundLines {

    private static final Logger LOG = LoggerFactory.getLogger(SoundLines.class);
    /** Rates tried in order: 8 kHz needs no conversion; the others are what cards and PulseAudio prefer. */
    static final float[] RATES = {8000, 16000, 48000, 44100, 32000, 22050, 96000};

    /** An opened line and the format it runs at. */
    record Opened<L extends DataLine>(L line, AudioFormat format, String mixerName) {
    }

    private SoundLines() {
    }

    static List<AudioDeviceInfo> list() {
        List<AudioDeviceInfo> result = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                Mixer mixer = AudioSystem.getMixer(info);
                boolean playback = mixer.isLineSupported(new Line.Info(SourceDataLine.class));
                boolean capture = mixer.isLineSupported(new Line.Info(TargetDataLine.class));
                if (playback || capture) {
                    result.add(new AudioDeviceInfo(info.getName(), info.getDescription(), playback, capture));
                }
            } catch (RuntimeException broken) {
                LOG.debug("Skipping audio mixer {}: {}", info.getName(), broken.toString());
            }
        }
        return result;
    }

    /**
     * Opens a line of {@code type} on the first mixer whose name (or description) contains {@code wanted}
     * (case-insensitive; empty: the system default), falling back to the default with a log line.
     */
    static <L extends DataLine> Opened<L> open(Class<L> type, String wanted, int bufferMillis, float[] rates,
                                               boolean firstAttempt) throws LineUnavailableException {
        String what = type == SourceDataLine.class ? "playback" : "capture";
        if (wanted != null && !wanted.isBlank()) {
            String needle = wanted.toLowerCase(Locale.ROOT);
            for (Mixer.Info info : AudioSystem.getMixerInfo()) {
                if (!info.getName().toLowerCase(Locale.ROOT).contains(needle)
                        && !info.getDescription().toLowerCase(Locale.ROOT).contains(needle)) {
                    continue;
                }
                Mixer mixer = AudioSystem.getMixer(info);
                if (!mixer.isLineSupported(new Line.Info(type))) {
                    continue;
                }
                Opened<L> opened = tryFormats(type, mixer, info.getName(), bufferMillis, rates);
                if (opened != null) {
                    return opened;
                }
            }
            if (firstAttempt) {
                LOG.warn("Audio {} device '{}' not found or unusable; using the default device", what, wanted);
            } else {
                LOG.debug("Audio {} device '{}' still not found; trying the default device", what, wanted);
            }
        }
        Opened<L> opened = tryFormats(type, null, "default", bufferMillis, rates);
        if (opened == null) {
            throw new LineUnavailableException("no " + what + " audio device can be opened");
        }
        return opened;
    }

    private static <L extends DataLine> Opened<L> tryFormats(Class<L> type, Mixer mixer, String mixerName,
                                                              int bufferMillis, float[] rates) {
        for (int channels = 1; channels <= 2; channels++) {
            for (float rate : rates) {
                AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
                DataLine.Info info = new DataLine.Info(type, format);
                try {
                    if (mixer != null ? !mixer.isLineSupported(info) : !AudioSystem.isLineSupported(info)) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    L line = (L) (mixer != null ? mixer.getLine(info) : AudioSystem.getLine(info));
                    int bytes = Math.round(rate * bufferMillis / 1000f) * format.getFrameSize();
                    if (line instanceof SourceDataLine source) {
                        source.open(format, bytes);
                    } else if (line instanceof TargetDataLine target) {
                        target.open(format, bytes);
                    }
                    line.start();
                    return new Opened<>(line, format, mixerName);
                } catch (LineUnavailableException | IllegalArgumentException | IllegalStateException
                         | SecurityException e) {
                    LOG.debug("Audio line {} {} refused: {}", mixerName, format, e.toString());
                }
            }
        }
        return null;
    }
}
