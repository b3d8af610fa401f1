package org.hallphone.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hallphone.call.Tone;
import org.hallphone.config.AudioConfig;

/**
 * A call-progress tone generated sample by sample from a cadence of segments (a frequency, or silence, for a
 * duration), repeated or played once. Each sounding segment starts and ends with a 5 ms raised-cosine ramp, so
 * the cadence never clicks; the oscillator's phase runs on across segments.
 */
final class ToneSound implements LocalSound {

    /** Level of call-progress tones: -15 dBFS (a comfortable earpiece level, about -12 dBm0). */
    static final double TONE_DBFS = -15;
    /** Level of the ring on the speaker. */
    static final double RING_DBFS = -10;
    private static final int RAMP_SAMPLES = 40;
    /**
     * The ring: two bursts of 1 s, 0.4 s apart, then 2 s of quiet (4.4 s in all); each burst alternates E5 and C5
     * every 100 ms. Low notes and a warble carry to ears that lost their highs, and the double burst is easy to
     * tell from the hall's other sounds; the screen's cue runs beside it.
     */
    private static final double RING_HIGH_HZ = 659.25;
    private static final double RING_LOW_HZ = 523.25;

    /** One piece of a cadence; {@code hz} 0 is silence. */
    record Segment(int samples, double hz) {
    }

    private final List<Segment> segments;
    private final boolean repeat;
    private final double amplitude;
    private int segment;
    private int inSegment;
    private double phase;
    private boolean ended;

    ToneSound(List<Segment> segments, boolean repeat, double dbfs) {
        if (segments.isEmpty() || segments.stream().allMatch(s -> s.samples() <= 0)) {
            throw new IllegalArgumentException("a tone needs at least one segment with a duration");
        }
        this.segments = List.copyOf(segments);
        this.repeat = repeat;
        this.amplitude = 32767 * Math.pow(10, dbfs / 20);
    }

    static ToneSound of(Tone tone, AudioConfig audio) {
        double hz = audio.toneFrequencyHz();
        return switch (tone) {
            case RINGBACK -> new ToneSound(cadence(hz, audio.ringbackCadence()), true, TONE_DBFS);
            case BUSY -> new ToneSound(cadence(hz, audio.busyCadence()), true, TONE_DBFS);
            case WARNING -> new ToneSound(cadence(hz, List.of(ms(150), ms(150), ms(150), ms(150), ms(150), ms(150))),
                    false, TONE_DBFS);
            case RING -> new ToneSound(ring(), true, RING_DBFS);
        };
    }

    /** on, off, on, off... durations alternately sounding {@code hz} and silent. */
    static List<Segment> cadence(double hz, List<Duration> onOff) {
        List<Segment> result = new ArrayList<>();
        for (int i = 0; i < onOff.size(); i++) {
            int samples = (int) (onOff.get(i).toMillis() * Codec.SAMPLE_RATE / 1000);
            result.add(new Segment(samples, i % 2 == 0 ? hz : 0));
        }
        return result;
    }

    static final int RING_BURST_MS = 1000;
    static final int RING_GAP_MS = 400;
    static final int RING_PAUSE_MS = 2000;

    private static List<Segment> ring() {
        List<Segment> result = new ArrayList<>();
        for (int burst = 0; burst < 2; burst++) {
            for (int i = 0; i < RING_BURST_MS / 100; i++) {
                result.add(new Segment(800, i % 2 == 0 ? RING_HIGH_HZ : RING_LOW_HZ));
            }
            result.add(new Segment((burst == 0 ? RING_GAP_MS : RING_PAUSE_MS) * 8, 0));
        }
        return result;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Override
    public boolean fill(short[] frame) {
        Arrays.fill(frame, (short) 0);
        if (ended) {
            return false;
        }
        for (int i = 0; i < frame.length; i++) {
            while (inSegment >= segments.get(segment).samples()) {
                inSegment = 0;
                segment++;
                if (segment == segments.size()) {
                    if (!repeat) {
                        ended = true;
                        return true; // the rest of this frame stays silent
                    }
                    segment = 0;
                }
            }
            Segment s = segments.get(segment);
            if (s.hz() > 0) {
                int fromEnd = s.samples() - 1 - inSegment;
                int edge = Math.min(inSegment, fromEnd);
                double envelope = edge >= RAMP_SAMPLES ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge / RAMP_SAMPLES);
                frame[i] = (short) Math.round(amplitude * envelope * Math.sin(phase));
                phase += 2 * Math.PI * s.hz() / Codec.SAMPLE_RATE;
                if (phase > 2 * Math.PI) {
                    phase -= 2 * Math.PI;
                }
            }
            inSegment++;
        }
        return true;
    }
}
