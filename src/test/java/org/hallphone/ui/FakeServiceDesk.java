package org.hallphone.ui;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;

/** A service desk with fixed answers that counts what it was asked to do. */
final class FakeServiceDesk implements ServiceDesk, RatingSink {

    final AtomicInteger audioTests = new AtomicInteger();
    final AtomicInteger reloads = new AtomicInteger();
    final AtomicInteger leaves = new AtomicInteger();
    final List<String> ratingsGiven = new CopyOnWriteArrayList<>();
    /** Names of the threads that called this desk (never the FX thread). */
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    private void called() {
        threads.add(Thread.currentThread().getName());
    }

    @Override
    public ServiceStatus status() {
        called();
        return new ServiceStatus("/dev/ttyUSB0 text, connected", "registered at pbx.example:5060",
                "", List.of("192.168.10.23", "sip:hall1@192.168.10.23:5060"), List.of("default (USB Audio)"));
    }

    @Override
    public List<CallRecord> recentCalls(int limit) {
        called();
        OffsetDateTime t = OffsetDateTime.parse("2026-11-24T09:15:00+03:00");
        return List.of(
                new CallRecord(t, "ivanovo-onco-hall1", "c2", Direction.OUT, Outcome.ANSWERED, t.plusSeconds(7),
                        t.plusSeconds(187), "sip:reps@pbx.example", 1, 200, EndedBy.PATIENT),
                new CallRecord(t.minusHours(1), "ivanovo-onco-hall1", "c1", Direction.OUT, Outcome.BUSY, null,
                        t.minusHours(1).plusSeconds(40), "sip:reps@pbx.example", 2, 486, EndedBy.PATIENT));
    }

    @Override
    public Map<Outcome, Integer> todayCounts() {
        called();
        return Map.of(Outcome.ANSWERED, 12, Outcome.BUSY, 2);
    }

    @Override
    public RatingSummary ratings() {
        called();
        return new RatingSummary(ratingsGiven.size() + 9, 4.6);
    }

    @Override
    public String runAudioSelfTest() {
        called();
        audioTests.incrementAndGet();
        return "audio ok: tone heard at -12 dBFS";
    }

    @Override
    public String reloadConfiguration() {
        called();
        reloads.incrementAndGet();
        return "ok";
    }

    @Override
    public void leaveKiosk() {
        called();
        leaves.incrementAndGet();
    }

    @Override
    public void rate(String callId, int stars) {
        called();
        ratingsGiven.add(callId + ":" + stars);
    }
}
