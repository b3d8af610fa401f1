package org.hallphone.call;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hallphone.config.KioskConfig;
import org.hallphone.testing.TestConfigs;

/**
 * A call flow with recording fakes for its ports, a manual clock and manual timers: events are handled inline
 * on the test's thread, so the transition table is checked without threads, sockets or sleeps.
 */
final class FlowHarness implements Telephony, CallAudio, CallJournal {

    final List<String> commands = new ArrayList<>();
    final List<CallRecord> started = new ArrayList<>();
    final List<CallRecord> ended = new ArrayList<>();
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.ofHours(3));
    private final List<Scheduled> scheduled = new ArrayList<>();
    final CallFlow flow;

    FlowHarness() {
        this(TestConfigs.kiosk(Path.of("unused")));
    }

    FlowHarness(KioskConfig config) {
        flow = new CallFlow(config, this, this, this, clock, FlowThread.on(Runnable::run, this::schedule));
    }

    CallState state() {
        return flow.snapshot().state();
    }

    FlowHarness post(CallEvent... events) {
        for (CallEvent e : events) {
            flow.post(e);
        }
        return this;
    }

    /** Moves time forward, firing the timers that fall due in order. */
    FlowHarness advance(Duration by) {
        Instant until = clock.instant().plus(by);
        while (true) {
            Scheduled next = scheduled.stream().filter(s -> !s.cancelled && !s.due.isAfter(until))
                    .min(Comparator.comparing(s -> s.due)).orElse(null);
            if (next == null) {
                break;
            }
            scheduled.remove(next);
            clock.set(next.due);
            next.task.run();
        }
        clock.set(until);
        return this;
    }

    /** The commands issued since the last call of this method. */
    List<String> take() {
        List<String> copy = List.copyOf(commands);
        commands.clear();
        return copy;
    }

    /** The attempt id of the last dial command. */
    long lastAttempt() {
        return lastDialAttempt;
    }

    private long lastDialAttempt;

    private Timers.Cancellable schedule(Duration delay, Runnable task) {
        Scheduled s = new Scheduled(clock.instant().plus(delay), task);
        scheduled.add(s);
        return () -> s.cancelled = true;
    }

    @Override
    public void dial(long attemptId, String target, int attemptNo) {
        lastDialAttempt = attemptId;
        commands.add("dial " + target + " #" + attemptNo);
    }

    @Override
    public void hangUp(long attemptId) {
        commands.add("hangUp");
    }

    @Override
    public void answer(long attemptId) {
        commands.add("answer");
    }

    @Override
    public void sendDtmf(long attemptId, char digit) {
        commands.add("dtmf " + digit);
    }

    @Override
    public void play(Tone tone) {
        commands.add("tone " + tone);
    }

    @Override
    public void stopTone() {
        commands.add("stopTone");
    }

    @Override
    public void play(Prompt prompt) {
        commands.add("prompt " + prompt);
    }

    @Override
    public void resetVolume() {
        commands.add("resetVolume");
    }

    @Override
    public void adjustVolume(int steps) {
        commands.add("volume " + steps);
    }

    @Override
    public void callStarted(CallRecord record) {
        started.add(record);
    }

    @Override
    public void callEnded(CallRecord record) {
        ended.add(record);
    }

    private static final class Scheduled {
        final Instant due;
        final Runnable task;
        boolean cancelled;

        Scheduled(Instant due, Runnable task) {
            this.due = due;
            this.task = task;
        }
    }

    static final class ManualClock extends Clock {
        private Instant now;
        private final ZoneId zone;

        ManualClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new ManualClock(now, other);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
