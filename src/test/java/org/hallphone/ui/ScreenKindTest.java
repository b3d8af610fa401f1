package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Fault;
import org.hallphone.call.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which screen each snapshot shows, row by row. */
class ScreenKindTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(Snap.idle(), false, ScreenKind.READY),
                Arguments.of(Snap.idle().afterHours(true), false, ScreenKind.AFTER_HOURS),
                Arguments.of(Snap.idle().outcome(Outcome.ANSWERED), true, ScreenKind.RATING),
                Arguments.of(Snap.idle().afterHours(true), true, ScreenKind.RATING),
                Arguments.of(Snap.call(CallState.DIALING, "c"), false, ScreenKind.CONNECTING),
                Arguments.of(Snap.call(CallState.RINGING, "c"), true, ScreenKind.CONNECTING),
                Arguments.of(Snap.call(CallState.TALKING, "c"), false, ScreenKind.TALKING),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.ANSWERED).endedBy(EndedBy.REMOTE),
                        false, ScreenKind.ENDED),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.ANSWERED).endedBy(EndedBy.TIMEOUT),
                        false, ScreenKind.ENDED),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.BUSY), false, ScreenKind.NOT_REACHED),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.NO_ANSWER), false,
                        ScreenKind.NOT_REACHED),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.FAILED), false, ScreenKind.NOT_REACHED),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.ANSWERED).leftOffhook(true), false,
                        ScreenKind.LEFT_OFFHOOK),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.BUSY).leftOffhook(true), false,
                        ScreenKind.LEFT_OFFHOOK),
                Arguments.of(Snap.idle().state(CallState.OUT_OF_SERVICE).fault(Fault.HANDSET, "x"), false,
                        ScreenKind.OUT_OF_SERVICE),
                Arguments.of(Snap.idle().state(CallState.OUT_OF_SERVICE).fault(Fault.NETWORK, "x").leftOffhook(true)
                        .lifted(true), false, ScreenKind.OUT_OF_SERVICE),
                Arguments.of(Snap.idle().state(CallState.INCOMING), false, ScreenKind.INCOMING),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.FAILED).endedBy(EndedBy.SYSTEM)
                        .dropped(true), false, ScreenKind.DROPPED),
                Arguments.of(Snap.call(CallState.ENDED, "c").outcome(Outcome.FAILED).endedBy(EndedBy.SYSTEM)
                        .dropped(true).leftOffhook(true), false, ScreenKind.LEFT_OFFHOOK));
    }

    @Test
    void aThankYouFollowsARatingOnlyAtRest() {
        assertEquals(ScreenKind.THANKS, ScreenKind.of(Snap.idle().build(), false, true));
        assertEquals(ScreenKind.CONNECTING, ScreenKind.of(Snap.call(CallState.DIALING, "c").build(), false, true));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void snapshotShowsScreen(Snap snapshot, boolean askRating, ScreenKind expected) {
        assertEquals(expected, ScreenKind.of(snapshot.build(), askRating));
    }
}
