package org.hallphone.sip;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.hallphone.call.CallEvent;
import org.hallphone.testing.Wait;

/** Records what the SIP side reports to the call flow and waits for particular events. */
final class Events implements Consumer<CallEvent> {

    static final Duration WAIT = Duration.ofSeconds(15);

    final List<CallEvent> all = new CopyOnWriteArrayList<>();

    @Override
    public void accept(CallEvent event) {
        all.add(event);
    }

    <T extends CallEvent> T await(Class<T> type) {
        return await(type, e -> true);
    }

    <T extends CallEvent> T await(Class<T> type, Predicate<T> condition) {
        return await(type, condition, WAIT);
    }

    <T extends CallEvent> T await(Class<T> type, Predicate<T> condition, Duration timeout) {
        Wait.until(type.getSimpleName() + " among " + all, timeout, () -> find(type, condition) != null);
        return find(type, condition);
    }

    <T extends CallEvent> List<T> of(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T extends CallEvent> T find(Class<T> type, Predicate<T> condition) {
        for (CallEvent e : all) {
            if (type.isInstance(e) && condition.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        return null;
    }
}
