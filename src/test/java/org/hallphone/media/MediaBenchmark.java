package org.hallphone.media;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.DoubleSummaryStatistics;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.hallphone.call.MediaStats;

/**
 * Benchmark, not a unit test (run by hand, see the README): a call of N seconds (default 60) between two engines
 * on loopback, RTP both ways through the jitter buffers. Prints the process CPU time it cost and the receive
 * path's added delay (jitter-buffer wait, plus the device buffer when a real playback device is used).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.hallphone.media.MediaBenchmark [seconds] [playback]
 * </pre>
 * {@code playback}: {@code null-device} (default) or a javax.sound device name, e.g. {@code default} (with
 * {@code PULSE_SERVER} pointing at a PulseAudio server).
 */
public final class MediaBenchmark {

    private MediaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        String playback = args.length > 1 ? args[1] : MediaEngine.NULL_DEVICE;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        DoubleSummaryStatistics queued = new DoubleSummaryStatistics();
        AudioDevice nearDevice = MediaEngine.NULL_DEVICE.equals(playback)
                ? AudioDevice.silent()
                : new SplitDevice(new SoundEarpiece(playback, SoundLines.RATES, queued::accept), Microphone.SILENT);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        MediaStats stats;
        JitterBuffer.Figures figures;
        try (MediaEngine near = new MediaEngine(TestAudio.config(), 41000, 41998, nearDevice);
             MediaEngine far = new MediaEngine(TestAudio.config(), 42000, 42998, FileDevice.tone(1000, -10))) {
            MediaSession a = near.open(InetAddress.getLoopbackAddress());
            MediaSession b = far.open(InetAddress.getLoopbackAddress());
            a.start(b.localAddress(), Codec.PCMU, 101);
            b.start(a.localAddress(), Codec.PCMU, 101);
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            stats = a.stats();
            figures = ((RtpSession) a).jitterFigures();
            a.close();
            b.close();
        }
        double deviceQueued = queued.getAverage(); // 0 without writes (the null device)
        double cpuMillis = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        double wallMillis = (System.nanoTime() - wallBefore) / 1e6;
        System.out.printf(Locale.ROOT, "call of %d s, both ends in this process, playback %s%n", seconds, playback);
        System.out.printf(Locale.ROOT, "CPU time: %.0f ms for both ends (%.2f %% of one core), so about %.0f ms "
                + "per terminal%n", cpuMillis, 100 * cpuMillis / wallMillis, cpuMillis / 2);
        System.out.printf(Locale.ROOT, "packets: sent %d received %d lost %d late %d, jitter %.2f ms%n",
                stats.packetsSent(), stats.packetsReceived(), stats.packetsLost(), stats.packetsLate(),
                stats.jitterMillis());
        System.out.printf(Locale.ROOT, "jitter buffer: target %d ms, mean wait %.1f ms (arrival to playout), "
                        + "concealed %d, underruns %d, shrinks %d%n", figures.targetMillis(), figures.meanDelayMillis(),
                figures.concealed(), figures.underruns(), figures.shrinks());
        System.out.printf(Locale.ROOT, "device buffer: mean %.1f ms queued ahead of each frame%n", deviceQueued);
        System.out.printf(Locale.ROOT, "receive path added delay: %.1f ms%n", figures.meanDelayMillis() + deviceQueued);
    }
}
