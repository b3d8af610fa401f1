package org.hallphone.media;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.hallphone.call.AudioDeviceStats;
import org.hallphone.call.CallAudio;
import org.hallphone.call.EarpieceLevel;
import org.hallphone.call.MediaStats;
import org.hallphone.call.Prompt;
import org.hallphone.call.Tone;
import org.hallphone.config.AudioConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's audio: opens RTP sessions for the SIP side ({@link MediaSessions}) and carries out the call
 * flow's audio commands ({@link CallAudio}) on one audio device.
 *
 * <p>The parts: {@link RtpPorts} binds each session's ports; {@link MediaClock} is the one "media-clock" thread that
 * runs the commands and, while there is audio to carry, steps every 20 ms; {@link FrameMixer} is that step
 * (microphone to every session, every session's jitter buffer plus {@link LocalSounds} to the earpiece, each with its
 * {@link Volume}). Tones, prompts and the self-test live on the clock thread only, so the {@link CallAudio} methods
 * just post to it and return. Each session also has its own receive threads (RTP, RTCP); its RTCP reports leave
 * from the clock thread. When a session closes its figures are logged ({@link CallAudioLog}) and reported.
 *
 * <p>Lifecycle: construct (the clock waits), {@link #open} sessions and close them, {@link #close()} last: it
 * stops the clock, closes any session left open and closes the device, which the engine owns.
 */
public final class MediaEngine implements CallAudio, MediaSessions, AutoCloseable {

    /** The device name ({@code audio.playback-device} / {@code audio.capture-device}) meaning "no hardware". */
    public static final String NULL_DEVICE = "null-device";
    /** Earpiece volume step, and the most steps either way from the configured default (±12 dB). */
    public static final double VOLUME_STEP_DB = 3;
    public static final int MAX_VOLUME_STEPS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);

    private final AudioConfig audio;
    private final RtpPorts ports;
    private final AudioDevice device;
    private final Volume volume;
    private final LocalSounds sounds;
    private final FrameMixer mixer;
    private final MediaClock clock;
    private final List<RtpSession> sessions = new CopyOnWriteArrayList<>();
    private final Map<RtpSession, AudioDeviceStats> deviceStatsAtOpen = new ConcurrentHashMap<>();

    private volatile Consumer<MediaStats> statsListener = stats -> { };
    private volatile Consumer<AudioDeviceStats> deviceStatsListener = stats -> { };
    private volatile MediaStats lastCallStats = MediaStats.NONE;
    private volatile boolean closed;

    /**
     * @param audio      the {@code audio.*} configuration (gains, tones, prompts folder, jitter buffer)
     * @param rtpPortMin lowest RTP port; sessions bind an even port in [min, max]
     * @param rtpPortMax highest RTP port
     * @param device     the earpiece and microphone, from {@link #openDevice}; the engine closes it
     */
    public MediaEngine(AudioConfig audio, int rtpPortMin, int rtpPortMax, AudioDevice device) {
        this.audio = audio;
        this.ports = new RtpPorts(rtpPortMin, rtpPortMax);
        this.device = device;
        this.volume = new Volume(audio);
        this.sounds = new LocalSounds(audio, device.hasRinger());
        this.mixer = new FrameMixer(device, sessions, sounds, volume);
        this.clock = new MediaClock(mixer::step, () -> !sessions.isEmpty() || sounds.busy());
        LOG.info("Audio engine on {}; RTP ports {}", device.describe(), ports);
    }

    /**
     * Opens the configured devices: each direction by a substring of the javax.sound mixer name (falling back to
     * the default device with a log line), or {@link #NULL_DEVICE}. A device missing now is retried with back-off.
     */
    public static AudioDevice openDevice(AudioConfig audio) {
        float[] rates = SoundLines.RATES;
        Earpiece earpiece = isNull(audio.playbackDevice()) ? Earpiece.NONE
                : new SoundEarpiece(audio.playbackDevice(), rates);
        Microphone microphone = isNull(audio.captureDevice()) ? Microphone.SILENT
                : new SoundMicrophone(audio.captureDevice(), rates);
        String ring = audio.ringDevice();
        Earpiece ringer = ring.isBlank() ? null : isNull(ring) ? Earpiece.NONE : new SoundEarpiece(ring, rates);
        return new SplitDevice(earpiece, microphone, ringer);
    }

    private static boolean isNull(String name) {
        return name != null && NULL_DEVICE.equalsIgnoreCase(name.trim());
    }

    /** The javax.sound mixers with playback or capture lines, for {@code --list-audio-devices}. */
    public static List<AudioDeviceInfo> listDevices() {
        return SoundLines.list();
    }

    /** Receives each session's quality figures when it closes (on the closing thread). */
    public void setStatsListener(Consumer<MediaStats> listener) {
        this.statsListener = listener == null ? stats -> { } : listener;
    }

    /** Receives the sound device's figures over each session when it closes (on the closing thread). */
    public void setDeviceStatsListener(Consumer<AudioDeviceStats> listener) {
        this.deviceStatsListener = listener == null ? stats -> { } : listener;
    }

    /** The sound device's figures since the engine started. */
    public AudioDeviceStats deviceStats() {
        return mixer.deviceStats();
    }

    /** The figures of the last session closed ({@link MediaStats#NONE} before the first). */
    public MediaStats lastCallStats() {
        return lastCallStats;
    }

    @Override
    public MediaSession open(InetAddress local) throws IOException {
        if (closed) {
            throw new IOException("audio engine closed");
        }
        RtpPorts.Pair pair = ports.bind(local);
        try {
            JitterBuffer buffer = new JitterBuffer((int) audio.jitterMin().toMillis(),
                    (int) audio.jitterMax().toMillis());
            RtpSession session = new RtpSession(pair.rtp(), pair.rtcp(), buffer, this::closed);
            deviceStatsAtOpen.put(session, mixer.deviceStats());
            sessions.add(session);
            clock.post(clock::wake);
            return session;
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    private void closed(RtpSession session) {
        sessions.remove(session);
        MediaStats stats = session.stats();
        AudioDeviceStats atOpen = deviceStatsAtOpen.remove(session);
        AudioDeviceStats sound = mixer.deviceStats().minus(atOpen == null ? AudioDeviceStats.NONE : atOpen);
        CallAudioLog.log(stats, session.jitterFigures(), sound);
        report(deviceStatsListener, sound, "Audio device statistics");
        lastCallStats = stats;
        report(statsListener, stats, "Audio statistics");
    }

    private static <T> void report(Consumer<T> listener, T figures, String what) {
        try {
            listener.accept(figures);
        } catch (RuntimeException e) {
            LOG.warn("{} listener failed", what, e);
        }
    }

    @Override
    public void play(Tone tone) {
        clock.post(() -> {
            sounds.play(tone);
            clock.wake();
        });
    }

    /**
     * The handset-left-lifted alarm went up or down: with {@code audio.ring-left-lifted} the ring sounds where
     * call-backs ring (the hall's loudspeaker, else the earpiece) while it is up.
     */
    public void leftLiftedAlarm(boolean up) {
        if (!audio.ringLeftLifted()) {
            return;
        }
        clock.post(() -> {
            sounds.leftLiftedAlarm(up);
            if (up) {
                clock.wake();
            }
        });
    }

    @Override
    public void stopTone() {
        clock.post(sounds::stop);
    }

    /** Plays the prompt's WAV file once, before any tone that is playing resumes; nothing when it is missing. */
    @Override
    public void play(Prompt which) {
        if (audio.promptsDir() == null) {
            return;
        }
        Path file = audio.promptsDir().resolve(which.name().toLowerCase(Locale.ROOT) + ".wav");
        clock.post(() -> {
            if (sounds.playPrompt(file)) {
                clock.wake();
            }
        });
    }

    @Override
    public void resetVolume() {
        volume.reset();
    }

    @Override
    public void adjustVolume(int steps) {
        volume.adjust(steps);
    }

    /** Whether the far end is speaking (measured on its audio alone, before gain and tones) and the volume step. */
    @Override
    public EarpieceLevel earpiece() {
        return new EarpieceLevel(mixer.farEndSpeaking(), volume.steps(), MAX_VOLUME_STEPS);
    }

    /** The earpiece gain now, in dB. */
    public double playbackGainDb() {
        return volume.playbackGainDb();
    }

    /**
     * Starts the audio self-test on this engine's device: a 1 kHz tone is played for 2 s while the microphone
     * records; the result gives the level and frequency heard.
     */
    public CompletableFuture<SelfTest.Result> selfTest() {
        CompletableFuture<SelfTest.Result> result = new CompletableFuture<>();
        if (!clock.post(() -> {
            sounds.startSelfTest(result);
            clock.wake();
        })) {
            result.completeExceptionally(new IllegalStateException("audio engine closed"));
        }
        return result;
    }

    /** True while the 20 ms clock runs (a call, a tone, a prompt or the self-test, and a short tail after). */
    public boolean clockRunning() {
        return clock.running();
    }

    /**
     * Milliseconds since the clock last finished a 20 ms step: about 20 while audio runs; a large figure means the
     * clock is stuck or dead (the heartbeat ops shows). Between calls the clock rests on purpose: 0.
     */
    public long millisSinceClockTick() {
        return clock.millisSinceTick();
    }

    /** Clock steps that failed since start (each one logged at most once a minute). */
    public long failedClockTicks() {
        return clock.failedTicks();
    }

    /** Stops the clock, closes the sessions still open and the device. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        clock.close();
        for (RtpSession session : sessions) {
            session.close();
        }
        device.close();
    }
}
