package org.hallphone.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hallphone.call.AudioDeviceStats;
import org.hallphone.call.CallAudio;
import org.hallphone.call.EarpieceLevel;
import org.hallphone.call.MediaStats;
import org.hallphone.call.Prompt;
import org.hallphone.call.RemoteReport;
import org.hallphone.call.Tone;
import org.hallphone.config.AudioConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's audio: opens RTP sessions for the SIP side ({@link MediaSessions}) and carries out the call
 * flow's audio commands ({@link CallAudio}) on one audio device.
 *
 * <p>One daemon thread, "media-clock", ticks every 20 ms at a fixed rate (no drift) while there is audio to carry:
 * it starts at once when a session opens or a tone, prompt or self-test begins, and stops
 * {@link #IDLE_BEFORE_STOP_MS} after the last of them ended, so that an idle terminal does no audio work at all
 * (the device lines stay open, just not fed). While it runs it reads 20 ms from the
 * microphone, applies the capture gain and hands it to every open session to send; it pulls 20 ms from each
 * session's jitter buffer, mixes in the tone or prompt that is playing, applies the earpiece gain and writes the
 * result to the device (which never blocks). Tones, prompts and the self-test live on that thread only, so the
 * {@link CallAudio} methods just post to it and return. Each session also has its own receive threads (RTP, RTCP);
 * its RTCP reports leave from the clock thread.
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
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int FRAME = Codec.SAMPLES_PER_PACKET;
    /** Silence ticked after the last sound ends before the clock stops: flushes the earpiece, avoids churn. */
    static final int IDLE_BEFORE_STOP_MS = 2000;

    private final AudioConfig audio;
    private final int portMin;
    private final int portMax;
    private final AudioDevice device;
    private final ScheduledThreadPoolExecutor clock;
    private final List<RtpSession> sessions = new CopyOnWriteArrayList<>();

    private volatile Consumer<MediaStats> statsListener = stats -> { };
    private volatile Consumer<AudioDeviceStats> deviceStatsListener = stats -> { };
    private volatile MediaStats lastCallStats = MediaStats.NONE;
    /** The device's figures as of the last tick (published by the clock thread, read when a session ends). */
    private volatile AudioDeviceStats deviceStats = AudioDeviceStats.NONE;
    private final Map<RtpSession, AudioDeviceStats> deviceStatsAtOpen = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile int volumeSteps;
    private volatile double playbackGain;
    private volatile double captureGain;
    private final double ringGain;
    private volatile boolean closed;
    private volatile long lastTickNanos = System.nanoTime();
    private volatile long failedTicks;
    private long lastFailureLogNanos;
    private volatile boolean ticking;

    // clock thread only
    private double captureEnergy;
    private long capturedFrames;
    private final short[] microphone = new short[FRAME];
    private final short[] scratch = new short[FRAME];
    private final int[] mix = new int[FRAME];
    private final short[] earpiece = new short[FRAME];
    private final short[] farEnd = new short[FRAME];
    private final VoiceActivity voice = new VoiceActivity();
    private final Map<Path, CachedPrompt> prompts = new HashMap<>();
    private LocalSound tone;
    private LocalSound prompt;
    private LocalSound ring;
    private final short[] ringFrame = new short[FRAME];
    private SelfTest.Run selfTest;
    private ScheduledFuture<?> ticks;
    private int idleTicks;

    private record CachedPrompt(long modified, short[] samples) {
    }

    /**
     * @param audio      the {@code audio.*} configuration (gains, tones, prompts folder, jitter buffer)
     * @param rtpPortMin lowest RTP port; sessions bind an even port in [min, max]
     * @param rtpPortMax highest RTP port
     * @param device     the earpiece and microphone, from {@link #openDevice}; the engine closes it
     */
    public MediaEngine(AudioConfig audio, int rtpPortMin, int rtpPortMax, AudioDevice device) {
        if (rtpPortMin < 1 || rtpPortMax > 65535 || rtpPortMin > rtpPortMax
                || rtpPortMin + (rtpPortMin & 1) > rtpPortMax) {
            throw new IllegalArgumentException("RTP port range " + rtpPortMin + "-" + rtpPortMax
                    + " holds no even port in 1-65535");
        }
        this.audio = audio;
        this.portMin = rtpPortMin;
        this.portMax = rtpPortMax;
        this.device = device;
        this.ringGain = linear(audio.ringGainDb());
        resetGains();
        this.clock = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "media-clock");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        });
        clock.setRemoveOnCancelPolicy(true);
        LOG.info("Audio engine on {}; RTP ports {}-{}", device.describe(), rtpPortMin, rtpPortMax);
    }

    /**
     * Opens the configured devices: each direction by a substring of the javax.sound mixer name (falling back to
     * the default device with a log line), or {@link #NULL_DEVICE}. A device missing now is retried with back-off.
     */
    public static AudioDevice openDevice(AudioConfig audio) {
        Earpiece earpiece = isNull(audio.playbackDevice()) ? Earpiece.NONE : new SoundEarpiece(audio.playbackDevice());
        Microphone microphone = isNull(audio.captureDevice()) ? Microphone.SILENT
                : new SoundMicrophone(audio.captureDevice());
        String ring = audio.ringDevice();
        Earpiece ringer = ring.isBlank() ? null : isNull(ring) ? Earpiece.NONE : new SoundEarpiece(ring);
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
        return deviceStats;
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
        int first = portMin + (portMin & 1);
        int count = (portMax - first) / 2 + 1;
        int start = RANDOM.nextInt(count);
        for (int i = 0; i < count; i++) {
            int port = first + 2 * ((start + i) % count);
            DatagramSocket socket;
            DatagramSocket rtcp;
            try {
                socket = new DatagramSocket(new InetSocketAddress(local, port));
            } catch (SocketException taken) {
                continue;
            }
            try {
                // RTCP on RTP + 1 (RFC 3550 §11); held even when rtcp-mux is agreed later, so no other session
                // takes it
                rtcp = new DatagramSocket(new InetSocketAddress(local, port + 1));
            } catch (SocketException taken) {
                socket.close();
                continue;
            }
            try {
                JitterBuffer buffer = new JitterBuffer((int) audio.jitterMin().toMillis(),
                        (int) audio.jitterMax().toMillis());
                RtpSession session = new RtpSession(socket, rtcp, buffer, this::closed);
                deviceStatsAtOpen.put(session, deviceStats);
                sessions.add(session);
                post(this::wake);
                return session;
            } catch (IOException | RuntimeException e) {
                socket.close();
                rtcp.close();
                throw e;
            }
        }
        throw new IOException("no free even RTP port (with RTCP port + 1) in " + portMin + "-" + portMax + " on "
                + local);
    }

    private void closed(RtpSession session) {
        sessions.remove(session);
        MediaStats stats = session.stats();
        JitterBuffer.Figures jb = session.jitterFigures();
        AudioDeviceStats atOpen = deviceStatsAtOpen.remove(session);
        AudioDeviceStats sound = deviceStats.minus(atOpen == null ? AudioDeviceStats.NONE : atOpen);
        RemoteReport far = stats.remote();
        LOG.info("Call audio: sent {} received {} lost {} late {} jitter {} ms; concealed {} underruns {} "
                        + "duplicates {} restarts {}; jitter buffer {} ms, mean wait {} ms; {}; "
                        + "foreign {} invalid {} (refused by SRTP {}); far end's RTCP: {} reports, loss {}% "
                        + "(cumulative {}), jitter {} ms, round trip {} ms",
                stats.packetsSent(), stats.packetsReceived(), stats.packetsLost(), stats.packetsLate(),
                String.format(Locale.ROOT, "%.1f", stats.jitterMillis()), jb.concealed(), jb.underruns(),
                jb.duplicates(), jb.restarts(), jb.targetMillis(),
                String.format(Locale.ROOT, "%.1f", jb.meanDelayMillis()), sound.describe(),
                stats.packetsForeign(), stats.packetsInvalid(), stats.packetsRefused(), far.reports(),
                String.format(Locale.ROOT, "%.1f", far.fractionLost() * 100), far.cumulativeLost(),
                String.format(Locale.ROOT, "%.1f", far.jitterMillis()),
                Double.isNaN(far.roundTripMillis()) ? "-" : String.format(Locale.ROOT, "%.0f", far.roundTripMillis()));
        try {
            deviceStatsListener.accept(sound);
        } catch (RuntimeException e) {
            LOG.warn("Audio device statistics listener failed", e);
        }
        lastCallStats = stats;
        try {
            statsListener.accept(stats);
        } catch (RuntimeException e) {
            LOG.warn("Audio statistics listener failed", e);
        }
    }

    @Override
    public void play(Tone tone) {
        post(() -> {
            if (tone == Tone.RING && device.hasRinger()) {
                this.ring = ToneSound.of(tone, audio); // the hall hears it; the earpiece keeps what it had
            } else {
                this.tone = ToneSound.of(tone, audio);
                this.ring = null;
            }
            wake();
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
        post(() -> {
            if (device.hasRinger()) {
                ring = up ? ToneSound.of(Tone.RING, audio) : null;
            } else {
                tone = up ? ToneSound.of(Tone.RING, audio) : null;
            }
            if (up) {
                wake();
            }
        });
    }

    @Override
    public void stopTone() {
        post(() -> {
            tone = null;
            prompt = null;
            ring = null;
        });
    }

    /** Plays the prompt's WAV file once, before any tone that is playing resumes; nothing when it is missing. */
    @Override
    public void play(Prompt which) {
        if (audio.promptsDir() == null) {
            return;
        }
        Path file = audio.promptsDir().resolve(which.name().toLowerCase(Locale.ROOT) + ".wav");
        post(() -> {
            short[] samples = loadPrompt(file);
            if (samples != null) {
                prompt = new PromptSound(samples);
                wake();
            }
        });
    }

    private short[] loadPrompt(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                LOG.debug("No prompt file {}", file);
                return null;
            }
            long modified = Files.getLastModifiedTime(file).toMillis();
            CachedPrompt cached = prompts.get(file);
            if (cached == null || cached.modified() != modified) {
                cached = new CachedPrompt(modified, Wav.read8kMono(file));
                prompts.put(file, cached);
            }
            return cached.samples();
        } catch (IOException e) {
            LOG.warn("Prompt {} cannot be played: {}", file, e.getMessage());
            return null;
        }
    }

    @Override
    public void resetVolume() {
        resetGains();
    }

    private void resetGains() {
        volumeSteps = 0;
        playbackGain = linear(audio.playbackGainDb());
        captureGain = linear(audio.captureGainDb());
    }

    @Override
    public void adjustVolume(int steps) {
        int now = Math.max(-MAX_VOLUME_STEPS, Math.min(MAX_VOLUME_STEPS, volumeSteps + steps));
        volumeSteps = now;
        double db = audio.playbackGainDb() + now * VOLUME_STEP_DB;
        playbackGain = linear(db);
        LOG.info("Earpiece volume {} dB ({} steps from the default)", db, now);
    }

    /** Whether the far end is speaking (measured on its audio alone, before gain and tones) and the volume step. */
    @Override
    public EarpieceLevel earpiece() {
        return new EarpieceLevel(voice.speaking(), volumeSteps, MAX_VOLUME_STEPS);
    }

    /** The earpiece gain now, in dB. */
    public double playbackGainDb() {
        return audio.playbackGainDb() + volumeSteps * VOLUME_STEP_DB;
    }

    /**
     * Starts the audio self-test on this engine's device: a 1 kHz tone is played for 2 s while the microphone
     * records; the result gives the level and frequency heard.
     */
    public CompletableFuture<SelfTest.Result> selfTest() {
        CompletableFuture<SelfTest.Result> result = new CompletableFuture<>();
        if (!post(() -> {
            selfTest = new SelfTest.Run(result);
            wake();
        })) {
            result.completeExceptionally(new IllegalStateException("audio engine closed"));
        }
        return result;
    }

    private static double linear(double db) {
        return Math.pow(10, db / 20);
    }

    private boolean post(Runnable task) {
        try {
            clock.execute(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    LOG.warn("Audio command failed", e); // an Error too: it must not end the clock (F22)
                }
            });
            return true;
        } catch (RejectedExecutionException afterClose) {
            return false;
        }
    }

    /** True while the 20 ms clock runs (a call, a tone, a prompt or the self-test, and a short tail after). */
    public boolean clockRunning() {
        return ticking;
    }

    /** On the clock thread: something to play or send; starts the ticks now unless they run. */
    private void wake() {
        idleTicks = 0;
        if (ticks == null && !closed) {
            lastTickNanos = System.nanoTime();
            ticks = clock.scheduleAtFixedRate(this::tick, 0, Codec.PTIME_MS, TimeUnit.MILLISECONDS);
            ticking = true;
            LOG.debug("Audio clock started");
        }
    }

    /** On the clock thread, after a tick: stops the ticks once nothing has been playing for a while. */
    private void stopWhenIdle() {
        if (!sessions.isEmpty() || tone != null || ring != null || prompt != null || selfTest != null) {
            idleTicks = 0;
            return;
        }
        if (++idleTicks * Codec.PTIME_MS >= IDLE_BEFORE_STOP_MS && ticks != null) {
            ticks.cancel(false);
            ticks = null;
            ticking = false;
            LOG.debug("Audio clock stopped: nothing to play");
        }
    }

    /**
     * Milliseconds since the clock last finished a 20 ms step: about 20 while audio runs; a large figure means the
     * clock is stuck or dead (the heartbeat ops shows).
     */
    public long millisSinceClockTick() {
        // between calls the clock rests on purpose: nothing to play is not a stuck clock
        return ticking ? (System.nanoTime() - lastTickNanos) / 1_000_000 : 0;
    }

    /** Clock steps that failed since start (each one logged at most once a minute). */
    public long failedClockTicks() {
        return failedTicks;
    }

    /**
     * One 20 ms step of the clock thread; never throws: anything thrown, an {@link Error} too (a sound stack's
     * UnsatisfiedLinkError, say), would cancel the schedule and silence every later call.
     */
    private void tick() {
        try {
            device.capture(microphone);
            applyGain(microphone, captureGain);
            capturedFrames++;
            for (short s : microphone) {
                captureEnergy += s * (double) s;
            }
            if (selfTest != null) {
                selfTest.captured(microphone);
            }
            for (RtpSession session : sessions) {
                session.tick(microphone);
            }
            java.util.Arrays.fill(mix, 0);
            boolean heard = false;
            for (RtpSession session : sessions) {
                short[] frame = session.playout();
                heard |= frame != null;
                add(frame);
            }
            listen(heard);
            if (prompt != null) {
                if (prompt.fill(scratch)) {
                    add(scratch);
                } else {
                    prompt = null;
                }
            } else if (tone != null) {
                if (!tone.fill(scratch)) {
                    tone = null;
                }
                add(scratch);
            }
            if (selfTest != null) {
                if (selfTest.fill(scratch)) {
                    add(scratch);
                } else {
                    selfTest = null;
                }
            }
            double gain = playbackGain;
            for (int i = 0; i < FRAME; i++) {
                earpiece[i] = Concealment.clip(mix[i] * gain);
            }
            device.play(earpiece.clone());
            if (device.hasRinger()) {
                playRing();
            }
            publishDeviceStats();
        } catch (Throwable e) {
            long now = System.nanoTime();
            if (failedTicks++ == 0 || now - lastFailureLogNanos > 60_000_000_000L) {
                lastFailureLogNanos = now;
                LOG.warn("Audio clock tick failed ({} failures so far); the clock goes on", failedTicks, e);
            }
        } finally {
            lastTickNanos = System.nanoTime();
        }
        stopWhenIdle();
    }

    /** Feeds the far end's audio alone (the sessions' sum so far) to the voice detector. */
    private void listen(boolean heard) {
        if (!heard) {
            voice.silence();
            return;
        }
        for (int i = 0; i < FRAME; i++) {
            farEnd[i] = Concealment.clip(mix[i]);
        }
        voice.frame(farEnd);
    }

    /** The ring device gets a frame every tick (silence between rings), so that its line keeps running. */
    private void playRing() {
        java.util.Arrays.fill(ringFrame, (short) 0);
        if (ring != null && !ring.fill(ringFrame)) {
            ring = null;
        }
        applyGain(ringFrame, ringGain);
        device.ring(ringFrame.clone());
    }

    private void publishDeviceStats() {
        AudioDeviceStats s = device.stats();
        deviceStats = new AudioDeviceStats(capturedFrames, s.captureGapFrames(), s.captureGaps(),
                s.captureOverflowSamples(), s.captureTrimmedSamples(), s.captureBufferedSamples(), captureEnergy,
                s.earpieceFrames(), s.earpieceDroppedFrames(), s.earpieceUnderruns());
    }

    private void add(short[] frame) {
        if (frame == null) {
            return;
        }
        for (int i = 0; i < FRAME; i++) {
            mix[i] += frame[i];
        }
    }

    private static void applyGain(short[] frame, double gain) {
        if (gain == 1.0) {
            return;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = Concealment.clip(frame[i] * gain);
        }
    }

    /** Stops the clock, closes the sessions still open and the device. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        clock.shutdownNow();
        ticking = false;
        try {
            clock.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RtpSession session : sessions) {
            session.close();
        }
        device.close();
    }
}
