package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The jitter buffer driven tick by tick without threads: each tick delivers the packets that "arrive" in it, then
 * pulls 20 ms. The stream is a phase-continuous chirp (every frame unique), so the output can be checked frame
 * by frame (intact, in order, delay) and sample by sample (no clicks).
 */
class JitterBufferTest {

    private static final int FRAME = 160;
    private static final double AMPLITUDE = 8000;
    private static final long SSRC = 0x1234;

    /** A packet of the stream: its index in the source, and the tick it arrives in. */
    private record Arrival(int index, int tick, long ssrc, int sequence) {
    }

    private static final class Run {
        final List<short[]> output = new ArrayList<>();
        final List<Integer> playedIndex = new ArrayList<>(); // source frame index per output tick, -1 if not intact
        JitterBuffer.Figures figures;
    }

    private final short[] source = chirp(2000);
    private final Map<String, Integer> frameIndex = new HashMap<>();

    JitterBufferTest() {
        for (int i = 0; i < source.length / FRAME; i++) {
            frameIndex.put(Arrays.toString(TestAudio.frame(source, i)), i);
        }
        assertEquals(source.length / FRAME, frameIndex.size(), "every source frame is unique");
    }

    /** Phase-continuous sweep 300..800..300 Hz, so every 20 ms frame is unique. */
    private static short[] chirp(int frames) {
        short[] out = new short[frames * FRAME];
        double phase = 0;
        for (int n = 0; n < out.length; n++) {
            double hz = 551.37 + 250 * Math.sin(2 * Math.PI * n / (8000.0 * 9.71));
            out[n] = (short) Math.round(AMPLITUDE * Math.sin(phase));
            phase += 2 * Math.PI * hz / 8000;
        }
        return out;
    }

    private Run run(JitterBuffer buffer, List<Arrival> arrivals, int ticks) {
        Map<Integer, List<Arrival>> byTick = new HashMap<>();
        for (Arrival a : arrivals) {
            byTick.computeIfAbsent(a.tick(), t -> new ArrayList<>()).add(a);
        }
        Run run = new Run();
        for (int tick = 0; tick < ticks; tick++) {
            for (Arrival a : byTick.getOrDefault(tick, List.of())) {
                buffer.put(a.ssrc(), a.sequence() & 0xFFFF, TestAudio.frame(source, a.index()));
            }
            short[] out = buffer.pull();
            run.output.add(out == null ? new short[FRAME] : out);
            Integer index = out == null ? null : frameIndex.get(Arrays.toString(out));
            run.playedIndex.add(index == null ? -1 : index);
        }
        run.figures = buffer.figures();
        return run;
    }

    private static List<Arrival> inOrder(int count, int firstSequence) {
        List<Arrival> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Arrival(i, i, SSRC, firstSequence + i));
        }
        return list;
    }

    /** Largest sample-to-sample step of the source: anything much larger in the output is a click. */
    private double sourceMaxStep() {
        return maxStep(List.of(source));
    }

    private static double maxStep(List<short[]> frames) {
        double max = 0;
        int previous = 0;
        boolean first = true;
        for (short[] f : frames) {
            for (short s : f) {
                if (!first) {
                    max = Math.max(max, Math.abs(s - previous));
                }
                previous = s;
                first = false;
            }
        }
        return max;
    }

    /** Source indices played intact, in output order. */
    private static List<Integer> intact(Run run) {
        return run.playedIndex.stream().filter(i -> i >= 0).toList();
    }

    private static void assertStrictlyIncreasing(List<Integer> indices) {
        for (int i = 1; i < indices.size(); i++) {
            assertTrue(indices.get(i) > indices.get(i - 1),
                    "in order at " + i + ": " + indices.subList(Math.max(0, i - 5), Math.min(indices.size(), i + 5)));
        }
    }

    @Test
    void inOrderStreamPlaysEveryFrameIntactAfterOneFrameOfDelay() {
        Run run = run(new JitterBuffer(20, 200), inOrder(200, 1000), 202);
        for (int tick = 0; tick < 200; tick++) {
            assertEquals(tick, run.playedIndex.get(tick), "frame played in the tick it arrived");
        }
        assertEquals(0, run.figures.concealed() + run.figures.late() + run.figures.underruns() - 2);
    }

    @Test
    void sequenceNumbersWrapAround() {
        Run run = run(new JitterBuffer(20, 200), inOrder(100, 65500), 100);
        assertEquals(IntStream.range(0, 100).boxed().toList(), intact(run));
        assertEquals(0, run.figures.restarts());
        assertEquals(0, run.figures.concealed());
    }

    @Test
    void reorderedPacketsWithinTheDepthArePlayedInOrder() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 300; i += 2) {
            // 2k+1 overtakes 2k in the network; both arrive by the tick of 2k+1
            arrivals.add(new Arrival(i + 1, i + 1, SSRC, i + 1));
            arrivals.add(new Arrival(i, i + 1, SSRC, i));
        }
        Run run = run(new JitterBuffer(20, 200), arrivals, 310);
        List<Integer> played = intact(run);
        assertStrictlyIncreasing(played);
        assertTrue(played.size() >= 295, "almost every frame intact: " + played.size());
        assertTrue(run.figures.targetMillis() <= 60, "depth stays small: " + run.figures.targetMillis());
    }

    @Test
    void duplicatesAreDropped() {
        List<Arrival> arrivals = new ArrayList<>(inOrder(100, 7));
        arrivals.addAll(inOrder(100, 7));
        Run run = run(new JitterBuffer(20, 200), arrivals, 102);
        assertEquals(100, run.figures.duplicates());
        assertEquals(IntStream.range(0, 100).boxed().toList(), intact(run));
    }

    @Test
    void lostPacketsAreConcealedWithoutGapsOrClicks() {
        List<Arrival> arrivals = new ArrayList<>(inOrder(400, 0));
        arrivals.removeIf(a -> a.index() % 10 == 5);                  // 10 % random-ish single losses
        arrivals.removeIf(a -> a.index() >= 200 && a.index() < 215);  // and a 300 ms outage
        Run run = run(new JitterBuffer(20, 200), arrivals, 402);
        assertTrue(run.figures.concealed() >= 39 - 2 && run.figures.concealed() <= 39 + 15,
                "each single loss concealed: " + run.figures);
        assertStrictlyIncreasing(intact(run));
        double step = maxStep(run.output);
        assertTrue(step <= 1.3 * sourceMaxStep(), "no clicks: largest step " + step + " vs " + sourceMaxStep());
        // single lost frames are replaced by sound: no silent gap anywhere before the outage
        for (int tick = 1; tick < 195; tick++) {
            double level = Goertzel.levelDbfs(run.output.get(tick), 0, FRAME);
            assertTrue(level > -20, "frame " + tick + " played at " + level + " dBFS");
        }
        // a long outage fades to silence within the concealment time (60 ms) and stays silent
        for (int tick = 200 + 2 + 3; tick < 215; tick++) { // 2 frames of delay by now, 3 of fading
            assertEquals(-120, Goertzel.levelDbfs(run.output.get(tick), 0, FRAME), 0.0, "silent at " + tick);
        }
    }

    @Test
    void latePacketsAreDroppedAndTheBufferGrowsWithinItsMaximum() {
        Random random = new Random(7);
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            arrivals.add(new Arrival(i, i + random.nextInt(6), SSRC, i)); // 0..100 ms of network jitter
        }
        JitterBuffer buffer = new JitterBuffer(20, 200);
        Run run = run(buffer, arrivals, 1020);
        assertTrue(run.figures.late() > 0, "some packets came too late at first");
        assertTrue(run.figures.targetMillis() > 20 && run.figures.targetMillis() <= 200, "grew within bounds");
        List<Integer> played = intact(run);
        assertStrictlyIncreasing(played);
        assertTrue(played.size() > 900, "after adapting nearly every frame is intact: " + played.size());
        // bounded delay: no frame is played later than the maximum depth (+ one frame) after it was sent
        for (int tick = 0; tick < run.playedIndex.size(); tick++) {
            int index = run.playedIndex.get(tick);
            if (index >= 0) {
                assertTrue(tick - index <= 200 / 20 + 1, "frame " + index + " played at tick " + tick);
            }
        }
        // late packets in the second half are rare once the depth has adapted
        long lateSecondHalf = 0;
        Run second = run(new JitterBuffer(20, 200), arrivals.subList(0, 500), 520);
        lateSecondHalf = run.figures.late() - second.figures.late();
        assertTrue(lateSecondHalf <= run.figures.late() / 2 + 1,
                "adapts: " + lateSecondHalf + " of " + run.figures.late());
    }

    @Test
    void delayShrinksSlowlyAfterABurst() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            // a 160 ms stall at packet 100: everything queued behind it arrives at once
            int tick = i >= 100 && i < 108 ? 108 : i;
            arrivals.add(new Arrival(i, tick, SSRC, i));
        }
        Run run = run(new JitterBuffer(20, 200), arrivals, 1500);
        int lagAfterBurst = 109 - run.playedIndex.get(109);
        int lagAtEnd = 1499 - run.playedIndex.get(1499);
        assertTrue(lagAfterBurst >= 5, "the stall added delay: " + lagAfterBurst);
        assertTrue(lagAtEnd <= 2, "and it was given back: " + lagAtEnd);
        assertTrue(run.figures.shrinks() >= 3);
        assertTrue(maxStep(run.output) <= 1.3 * sourceMaxStep(), "shrinking does not click");
    }

    @Test
    void aNewSsrcRestartsTheBufferAndFadesTheOldSource() {
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            arrivals.add(new Arrival(i, i, SSRC, 40000 + i));
        }
        for (int i = 100; i < 200; i++) {
            arrivals.add(new Arrival(i, i, 0x9999, 5 + i)); // new source, unrelated sequence numbers
        }
        Run run = run(new JitterBuffer(20, 200), arrivals, 202);
        assertEquals(1, run.figures.restarts());
        List<Integer> played = intact(run);
        assertStrictlyIncreasing(played);
        assertTrue(played.containsAll(IntStream.range(101, 200).boxed().toList()),
                "the new source plays at once");
        assertTrue(maxStep(run.output) <= 1.3 * sourceMaxStep());
    }

    @Test
    void thirtyMillisecondPacketsAreJoinedIntoAContinuousStream() {
        JitterBuffer buffer = new JitterBuffer(20, 200);
        int packet = 240;
        List<short[]> output = new ArrayList<>();
        for (int tick = 0, next = 0; tick < 300; tick++) {
            while (next * 3 / 2 <= tick) { // 30 ms packets arrive 1.5 ticks apart
                buffer.put(SSRC, next, Arrays.copyOfRange(source, next * packet, (next + 1) * packet));
                next++;
            }
            short[] out = buffer.pull();
            if (out != null) {
                output.add(out);
            }
        }
        short[] played = new short[output.size() * FRAME];
        for (int i = 0; i < output.size(); i++) {
            System.arraycopy(output.get(i), 0, played, i * FRAME, FRAME);
        }
        int compare = 250 * FRAME;
        assertTrue(played.length > compare);
        assertArrayEquals(Arrays.copyOf(source, compare), Arrays.copyOf(played, compare),
                "every sample in order, nothing cut: " + buffer.figures());
    }

    @Test
    void nothingIsPlayedBeforeTheFirstPacket() {
        JitterBuffer buffer = new JitterBuffer(40, 200);
        assertNull(buffer.pull());
        buffer.put(SSRC, 1, TestAudio.frame(source, 0));
        assertNull(buffer.pull(), "waits for the 40 ms target");
        buffer.put(SSRC, 2, TestAudio.frame(source, 1));
        assertEquals(0, frameIndex.get(Arrays.toString(buffer.pull())));
    }
}
