package org.hallphone.ui;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The patient's screens, one {@link Screen.Builder} per {@link ScreenKind}. Every screen is a pictogram beside
 * (landscape) or above (portrait) a heading and a few short lines, made of the {@link ScreenParts}; nothing here
 * blocks or talks to the call flow except the buttons, through the view model. The screens live in small
 * classes by when the patient meets them: {@link RestingScreens}, {@link CallScreens}, {@link TalkingScreen},
 * {@link AfterCallScreens}, {@link OutOfServiceScreen} and {@link RatingScreens}.
 */
final class Screens {

    private final Map<ScreenKind, Screen.Builder> builders = new EnumMap<>(ScreenKind.class);

    Screens(Clock clock) {
        RestingScreens resting = new RestingScreens(clock);
        builders.put(ScreenKind.READY, resting::ready);
        builders.put(ScreenKind.AFTER_HOURS, resting::afterHours);
        builders.put(ScreenKind.CONNECTING, CallScreens::connecting);
        builders.put(ScreenKind.INCOMING, CallScreens::incoming);
        builders.put(ScreenKind.TALKING, TalkingScreen::build);
        builders.put(ScreenKind.ENDED, AfterCallScreens::ended);
        builders.put(ScreenKind.NOT_REACHED, AfterCallScreens::notReached);
        builders.put(ScreenKind.DROPPED, AfterCallScreens::dropped);
        builders.put(ScreenKind.LEFT_OFFHOOK, AfterCallScreens::leftOffhook);
        builders.put(ScreenKind.OUT_OF_SERVICE, OutOfServiceScreen::build);
        builders.put(ScreenKind.RATING, RatingScreens::rating);
        builders.put(ScreenKind.THANKS, RatingScreens::thanks);
    }

    /** The screen of {@code kind}; its node gets the id {@link ScreenKind#nodeId}. */
    Screen build(ScreenKind kind, ScreenInput in) {
        Screen screen = builders.get(kind).build(in);
        screen.node().setId(kind.nodeId());
        return screen;
    }
}
