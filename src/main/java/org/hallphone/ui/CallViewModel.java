package org.hallphone.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.hallphone.call.CallControl;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.Outcome;

/**
 * The screen's model of the call: which screen shows, in which language, and whether a rating is asked for.
 * Snapshots arrive on the call-flow thread and are moved to the FX thread here, in {@link #attach}, and nowhere
 * else; everything else in this class runs on the FX thread.
 */
final class CallViewModel {

    /** The rating question disappears by itself after this long. */
    static final Duration RATING_TIMEOUT = Duration.ofSeconds(20);
    /** How long the thank-you after a rating stays. */
    static final Duration THANKS_TIME = Duration.ofSeconds(4);
    /** How long it stays after a low rating (1 or 2), which also says where else to turn. */
    static final Duration THANKS_LOW_TIME = Duration.ofSeconds(20);

    // ---- Properties -----------------------------------------------------------------------------------------

    private final ReadOnlyObjectWrapper<CallSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyObjectWrapper<ScreenKind> screen = new ReadOnlyObjectWrapper<>(this, "screen",
            ScreenKind.READY);
    private final ReadOnlyObjectWrapper<Locale> locale = new ReadOnlyObjectWrapper<>(this, "locale");

    private final CallControl calls;
    private final Clock clock;
    private final Locale homeLocale;
    private final boolean askRatings;
    private final RatingSink ratings;
    private final BackgroundWork work;
    private volatile boolean detached;
    private String talkedCallId = "";
    private String ratingCallId = "";
    private Instant ratingAskedAt = Instant.MIN;
    private int thankedStars;
    private Instant thankedAt = Instant.MIN;
    private String waitingCallId = "";
    private Instant waitingSince = Instant.MIN;

    CallViewModel(CallControl calls, Clock clock, Locale homeLocale, boolean askRatings, RatingSink ratings,
            BackgroundWork work) {
        this.calls = calls;
        this.clock = clock;
        this.homeLocale = Texts.supported(homeLocale);
        this.askRatings = askRatings;
        this.ratings = ratings;
        this.work = work;
        locale.set(this.homeLocale);
        CallSnapshot first = calls.snapshot();
        snapshot.set(first != null ? first : restingSnapshot(clock.instant()));
        screen.set(ScreenKind.of(snapshot.get(), false));
    }

    ReadOnlyObjectProperty<CallSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ScreenKind> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Locale> localeProperty() {
        return locale.getReadOnlyProperty();
    }

    CallSnapshot snapshot() {
        return snapshot.get();
    }

    ScreenKind screen() {
        return screen.get();
    }

    Locale locale() {
        return locale.get();
    }

    Locale homeLocale() {
        return homeLocale;
    }

    /** The stars of the rating just given (the thank-you screen shows); 0 when none. */
    int thankedStars() {
        return thankedStars;
    }

    /** When the screen first saw the current call connecting (the waiting time shown to the patient). */
    Instant waitingSince() {
        return waitingSince;
    }

    /** The call the rating question is about; empty when none is asked. */
    String ratingCallId() {
        return ratingCallId;
    }

    // ---- Commands -------------------------------------------------------------------------------------------

    /** Subscribes to the call flow: the one place where snapshots move to the FX thread. */
    void attach() {
        calls.subscribe(s -> {
            if (!detached) {
                Platform.runLater(() -> accept(s));
            }
        });
    }

    /** Stops taking snapshots (the call flow has no unsubscribe: late ones are dropped). */
    void detach() {
        detached = true;
    }

    /** A keypad key during a call: the flow sends it as DTMF. */
    void pressKey(char digit) {
        calls.post(new CallEvent.KeypadPressed(digit));
    }

    /** +1 louder, -1 quieter. */
    void changeVolume(int steps) {
        calls.post(new CallEvent.VolumeRequested(steps));
    }

    /** The technician's test call (service screen). */
    void requestTestCall() {
        calls.post(new CallEvent.TestCallRequested());
    }

    /** Switches between the two languages for this patient; back to {@code ui.language} after the call. */
    void toggleLanguage() {
        locale.set(Texts.other(locale.get()));
    }

    /** Back to {@code ui.language} (e.g. nobody touched the ready screen for a while). */
    void resetLanguage() {
        locale.set(homeLocale);
    }

    /** The patient's answer (1-5) to the rating question; stored off the FX thread. */
    void rate(int stars) {
        if (stars < 1 || stars > 5) {
            throw new IllegalArgumentException("stars must be 1-5: " + stars);
        }
        String callId = ratingCallId;
        if (callId.isEmpty()) {
            return;
        }
        work.run("storing a rating", () -> ratings.rate(callId, stars));
        thankedStars = stars;
        thankedAt = clock.instant();
        endRating();
    }

    /** The patient skipped the rating question. */
    void skipRating() {
        endRating();
    }

    /** The patient is done with the thank-you screen. */
    void endThanks() {
        thankedStars = 0;
        updateScreen();
    }

    /** Called every second on the FX thread: drops the rating question and the thank-you after their time. */
    void tick(Instant now) {
        if (!ratingCallId.isEmpty() && !now.isBefore(ratingAskedAt.plus(RATING_TIMEOUT))) {
            endRating();
        }
        if (thankedStars > 0
                && !now.isBefore(thankedAt.plus(thankedStars <= 2 ? THANKS_LOW_TIME : THANKS_TIME))) {
            endThanks();
        }
    }

    /** Takes a snapshot on the FX thread. */
    void accept(CallSnapshot s) {
        if (s.state() == CallState.TALKING && !s.callId().isEmpty()) {
            talkedCallId = s.callId();
        }
        if ((s.state() == CallState.DIALING || s.state() == CallState.RINGING)
                && !s.callId().equals(waitingCallId)) {
            waitingCallId = s.callId();
            waitingSince = clock.instant();
        }
        if (s.state() != CallState.IDLE) {
            ratingCallId = "";
            thankedStars = 0;
        } else if (askRatings && !talkedCallId.isEmpty() && talkedCallId.equals(s.callId())
                && s.lastOutcome() == Outcome.ANSWERED) {
            ratingCallId = talkedCallId;
            ratingAskedAt = clock.instant();
            talkedCallId = "";
        }
        snapshot.set(s);
        updateScreen();
    }

    private void endRating() {
        ratingCallId = "";
        updateScreen();
    }

    private void updateScreen() {
        ScreenKind before = screen.get();
        ScreenKind now = ScreenKind.of(snapshot.get(), !ratingCallId.isEmpty(), thankedStars > 0);
        if (now.atRest() && !before.atRest()) {
            locale.set(homeLocale);
        }
        screen.set(now);
    }

    /** What the screen shows before the call flow has said anything. */
    static CallSnapshot restingSnapshot(Instant now) {
        return CallSnapshot.resting(now);
    }
}
