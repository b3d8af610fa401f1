package org.hallphone.media;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.hallphone.call.Tone;
import org.hallphone.config.AudioConfig;

/**
 * The audio side of {@link PulseAudioDeviceTest}, run in a child JVM whose environment points javax.sound at the
 * test's PulseAudio server. Prints {@code DEVICE}, {@code OPENED}, {@code PLAYING} and {@code RESULT} lines.
 */
public final class PulseAudioProbe {

    static final double RING_GAIN_DB = -6;

    private PulseAudioProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String playback = args.length > 1 ? args[1] : "";
        String capture = args.length > 2 ? args[2] : "";
        AudioConfig config = TestAudio.withDevices(playback, capture);
        for (AudioDeviceInfo device : MediaEngine.listDevices()) {
            System.out.println("DEVICE " + device.name() + "|" + device.playback() + "|" + device.capture());
        }
        switch (mode) {
            case "selftest" -> {
                try (AudioDevice device = MediaEngine.openDevice(config)) {
                    System.out.println("OPENED " + device.describe());
                    settle(device);
                    print(SelfTest.run(device));
                }
            }
            case "resampled" -> {
                // a device that will not do 8 kHz: play at 48 kHz, record at 44.1 kHz, convert both ways
                try (AudioDevice device = new SplitDevice(new SoundEarpiece("", new float[] {48000}),
                        new SoundMicrophone("", new float[] {44100}))) {
                    System.out.println("OPENED " + device.describe());
                    settle(device);
                    print(SelfTest.run(device));
                }
            }
            case "tone" -> {
                try (MediaEngine engine = new MediaEngine(config, 40000, 40100, MediaEngine.openDevice(config))) {
                    engine.play(Tone.BUSY);
                    System.out.println("PLAYING");
                    waitForStdinToClose(60);
                }
            }
            case "rate" -> {
                // a USB headset that only runs at one rate: both lines forced to it, converted to and from 8 kHz
                float rate = Float.parseFloat(args[3]);
                try (AudioDevice device = new SplitDevice(new SoundEarpiece(playback, new float[] {rate}),
                        new SoundMicrophone(capture, new float[] {rate}))) {
                    System.out.println("OPENED " + device.describe());
                    settle(device);
                    print(SelfTest.run(device));
                }
            }
            case "ring" -> {
                // earpiece on the default output, rings on their own line ("default" too: the test moves that
                // stream to the hall's sink, as pavucontrol would)
                AudioConfig ringing = new AudioConfig(playback, MediaEngine.NULL_DEVICE, 0, 0, 425,
                        config.ringbackCadence(), config.busyCadence(), null, config.jitterMin(), config.jitterMax(),
                        "default", RING_GAIN_DB, false);
                try (MediaEngine engine = new MediaEngine(ringing, 40000, 40100, MediaEngine.openDevice(ringing))) {
                    System.out.println("READY");
                    System.out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.equals("ring")) {
                            engine.play(Tone.RING);
                            System.out.println("RINGING");
                            System.out.flush();
                        }
                    }
                }
            }
            case "reopen" -> {
                try (MediaEngine engine = new MediaEngine(config, 40000, 40100, MediaEngine.openDevice(config))) {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (System.nanoTime() < end && System.in.available() >= 0) {
                        print(engine.selfTest().get(10, TimeUnit.SECONDS));
                    }
                }
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    /**
     * Lets new PulseAudio streams settle: playback starts moving after about a second, and a new null sink's
     * monitor hands over a large first block whose delay the capture buffer trims after its 4 s windows.
     */
    private static void settle(AudioDevice device) {
        SelfTest.run(device);
        SelfTest.run(device);
    }

    private static void print(SelfTest.Result result) {
        System.out.println(String.format(Locale.ROOT, "RESULT %.2f %.1f %s %d", result.levelDbfs(),
                result.frequencyHz(), result.ok(), result.gapBlocks()));
        System.out.flush();
    }

    private static void waitForStdinToClose(int seconds) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end && in.readLine() != null) {
            // the parent closes our stdin when it has heard enough
        }
    }
}
