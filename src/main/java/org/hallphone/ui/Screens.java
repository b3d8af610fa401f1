package org.hallphone.ui;

import java.time.Clock;

/**
 * The patient's screens, one per {@link ScreenKind}. Every screen is a pictogram beside
 * (landscape) or above (portrait) a heading and a few short lines, made of the {@link ScreenParts}; nothing here
 * blocks or talks to the call flow except the buttons, through the view model. The screens live in small
 * classes by when the patient meets them: {@link RestingScreens}, {@link CallScreens}, {@link TalkingScreen},
 * {@link AfterCallScreens}, {@link OutOfServiceScreen} and {@link RatingScreens}.
 */
final class Screens {

    private final RestingScreens resting;

    Screens(Clock clock) {
        this.resting = new RestingScreens(clock);
    }

    /**
     * The screen of {@code kind}; its node gets the id {@link ScreenKind#nodeId}. A switch, so that the compiler
     * rejects a new kind of screen that nobody builds.
     */
    Screen build(ScreenKind kind, ScreenInput in) {
        Screen screen = switch (kind) {
            case READY -> resting.ready(in);
            case AFTER_HOURS -> resting.afterHours(in);
            case CONNECTING -> CallScreens.connecting(in);
            case INCOMING -> CallScreens.incoming(in);
            case TALKING -> TalkingScreen.build(in);
            case ENDED -> AfterCallScreens.ended(in);
            case NOT_REACHED -> AfterCallScreens.notReached(in);
            case DROPPED -> AfterCallScreens.dropped(in);
            case LEFT_OFFHOOK -> AfterCallScreens.leftOffhook(in);
            case OUT_OF_SERVICE -> OutOfServiceScreen.build(in);
            case RATING -> RatingScreens.rating(in);
            case THANKS -> RatingScreens.thanks(in);
        };
        screen.node().setId(kind.nodeId());
        return screen;
    }
}
