package org.hallphone.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * baresip (Debian's package) as a representative's softphone on loopback: its own config folder, one account, a
 * sine tone as microphone (a WAV file played by {@code aufile}), what it hears and says recorded as WAV files ({@code sndfile}), its SIP
 * messages traced to a log, and its control socket ({@code ctrl_tcp}) to accept or hang up calls and to read its
 * events (CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED, ...).
 */
public final class Baresip implements AutoCloseable {

    private final Path dir;
    private final int sipPort;
    private final int controlPort;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private String dial;
    private Process process;
    private Socket control;
    private Thread reader;

    /**
     * @param dir        a folder of its own
     * @param account    the account line, e.g. {@code <sip:rep1@127.0.0.1:5060>;auth_pass=x;answermode=manual}
     * @param toneHz     the frequency its microphone sends
     * @param extraConfig further lines of baresip's {@code config} (modules, media encryption, ...); a line whose
     *                   setting is already there replaces it (e.g. {@code audio_player aubridge,nil})
     */
    public Baresip(Path dir, String account, int toneHz, String... extraConfig) throws IOException {
        this.dir = Files.createDirectories(dir);
        // baresip binds its SIP port for UDP and TCP and the next one for TLS: take a free port whose next is free.
        this.sipPort = FreePorts.udpAndTcpPair();
        this.controlPort = FreePorts.udpAndTcp();
        config("poll_method epoll",
                "sip_listen 127.0.0.1:" + sipPort,
                "call_max_calls 1",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module alsa.so",
                "module sndfile.so",
                "module_app account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + controlPort,
                "audio_source aufile," + writeTone(dir.resolve("tone.wav"), toneHz),
                "audio_player alsa,null",
                "snd_path " + dir,
                "rtp_ports 20000-29999");
        config(extraConfig);
        Files.writeString(dir.resolve("accounts"), account + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("contacts"), "", StandardCharsets.UTF_8);
    }

    /**
     * Adds lines to its {@code config} before {@link #start}. Each setting appears once (baresip reads the first):
     * a line for a setting already there replaces it; {@code module...} lines are added, each once.
     */
    public Baresip config(String... lines) {
        for (String line : lines) {
            String setting = line.startsWith("module") ? line : line.split("\\s+", 2)[0];
            config.put(setting, line);
        }
        return this;
    }

    /** Makes it dial {@code uri} as soon as it has started (its {@code -e /dial} option). */
    public Baresip dialingOnStart(String uri) {
        this.dial = uri;
        return this;
    }

    /** Writes sixty seconds of a sine at -12 dBFS, 8 kHz mono 16 bit: longer than any test's call. */
    private static Path writeTone(Path file, int hz) throws IOException {
        int rate = 8000;
        byte[] pcm = new byte[60 * rate * 2];
        for (int i = 0; i < pcm.length / 2; i++) {
            short sample = (short) Math.round(8231 * Math.sin(2 * Math.PI * hz * i / rate));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream stream = new AudioInputStream(new java.io.ByteArrayInputStream(pcm), format,
                pcm.length / 2)) {
            AudioSystem.write(stream, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** Writes its configuration, starts it and waits until its control socket answers. */
    public Baresip start() throws IOException {
        String program = Peers.require("baresip");
        Files.write(dir.resolve("config"), List.copyOf(config.values()), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(program, "-f", dir.toString(), "-s"));
        if (dial != null) {
            command.addAll(List.of("-e", "/dial " + dial));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile())
                .start();
        Wait.until("baresip's control socket on " + controlPort, Duration.ofSeconds(15), this::connectControl);
        return this;
    }

    private boolean connectControl() {
        if (!process.isAlive()) {
            throw new IllegalStateException("baresip exited:\n" + log());
        }
        try {
            control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
        } catch (IOException notYet) {
            return false;
        }
        reader = new Thread(this::readEvents, "baresip-events");
        reader.setDaemon(true);
        reader.start();
        return true;
    }

    /** Reads netstrings ({@code <length>:<json>,}) from the control socket into {@link #events}. */
    private void readEvents() {
        try (InputStream in = control.getInputStream()) {
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        return;
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                in.read(); // the trailing comma
                events.add(new String(body, StandardCharsets.UTF_8));
            }
        } catch (IOException closed) {
            // the process ended
        }
    }

    /** Sends a command of baresip's menu (e.g. "accept", "hangup") over the control socket. */
    public void command(String command) throws IOException {
        String json = "{\"command\":\"" + command + "\",\"params\":\"\",\"token\":\"t\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        OutputStream out = control.getOutputStream();
        out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write(',');
        out.flush();
    }

    /** True once an event of this type (e.g. "CALL_INCOMING", "REGISTER_OK") has been reported. */
    public boolean saw(String type) {
        return events.stream().anyMatch(e -> e.contains("\"type\":\"" + type + "\""));
    }

    /** True once its registrar has accepted its registration (baresip prints "200 OK ... [1 binding]"). */
    public boolean registered() {
        return log().matches("(?s).*\\} 200 OK .*binding.*");
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    /** Everything baresip printed, its SIP trace included. */
    public String log() {
        try {
            return Files.readString(dir.resolve("log.txt"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** baresip's log as UTF-8 (the SIP trace carries UTF-8 display names and headers). */
    public String trace() {
        try {
            return Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The audio it received in its last call (sndfile's "-dec" file), as 8 kHz mono samples, if any. */
    public Optional<short[]> heard() throws IOException {
        List<Path> files = decodedRecordings();
        return files.isEmpty() ? Optional.empty() : Optional.of(samples(files.get(files.size() - 1)));
    }

    /** The files of what it received ({@code sndfile}'s "-dec" WAV files), one per call, oldest first. */
    public List<Path> decodedRecordings() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-dec.wav"))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A WAV file of 16-bit mono samples as 8 kHz samples (taking every n-th sample of a higher rate). */
    public static short[] samples(Path file) throws IOException {
        try (AudioInputStream wav = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = wav.getFormat();
            if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
                throw new IOException("unexpected recording format " + format);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            wav.transferTo(bytes);
            byte[] raw = bytes.toByteArray();
            short[] samples = new short[raw.length / 2];
            boolean big = format.isBigEndian();
            for (int i = 0; i < samples.length; i++) {
                int lo = raw[2 * i + (big ? 1 : 0)] & 0xff;
                int hi = raw[2 * i + (big ? 0 : 1)];
                samples[i] = (short) (hi << 8 | lo);
            }
            int rate = Math.round(format.getSampleRate());
            if (rate != 8000) {
                short[] down = new short[samples.length * 8000 / rate];
                for (int i = 0; i < down.length; i++) {
                    down[i] = samples[(int) ((long) i * rate / 8000)];
                }
                samples = down;
            }
            return samples;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("baresip's recording " + file + " is not a WAV file", e);
        }
    }

    @Override
    public void close() {
        try {
            if (control != null) {
                control.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
