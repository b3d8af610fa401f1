package org.hallphone.sip;

import java.time.Duration;
import java.util.List;
import org.hallphone.call.CallEvent;
import org.hallphone.config.AudioConfig;
import org.hallphone.media.MediaEngine;

/**
 * The terminal's side of {@link SoftphoneAudioTest}, run in a child JVM whose environment points javax.sound at
 * the test's PulseAudio server: the real SIP phone and media engine on the default sound devices register, call
 * the softphone, stay in the call for a while and hang up. Prints {@code REGISTERED}, {@code ANSWERED},
 * {@code RTP <port>} and {@code DONE} lines (and the engine's log).
 *
 * <p>Arguments: registrar host:port, user, password, target URI, seconds in the call, RTP port min, max.
 */
public final class SoftphoneCallProbe {

    private SoftphoneCallProbe() {
    }

    public static void main(String[] args) throws Exception {
        TestKiosk kiosk = new TestKiosk();
        kiosk.registrar = args[0];
        kiosk.user = args[1];
        kiosk.password = args[2];
        kiosk.targets = new java.util.ArrayList<>(List.of(args[3]));
        int seconds = Integer.parseInt(args[4]);
        AudioConfig audio = new AudioConfig("", "", 0, 0, 425, List.of(Duration.ofMillis(1000),
                Duration.ofMillis(4000)), List.of(Duration.ofMillis(350), Duration.ofMillis(350)), null,
                Duration.ofMillis(20), Duration.ofMillis(200));
        Events events = new Events();
        try (MediaEngine engine = new MediaEngine(audio, Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                MediaEngine.openDevice(audio));
             SipPhone phone = new SipPhone(kiosk.build(), engine, "e2e")) {
            phone.start(events);
            events.await(CallEvent.RegistrationChanged.class, CallEvent.RegistrationChanged::registered,
                    Duration.ofSeconds(30));
            System.out.println("REGISTERED");
            phone.dial(1, args[3], 1);
            events.await(CallEvent.AttemptAnswered.class, a -> true, Duration.ofSeconds(30));
            System.out.println("ANSWERED");
            System.out.flush();
            Thread.sleep(seconds * 1000L);
            phone.hangUp(1);
            Thread.sleep(500);
            System.out.println("DEVICE " + engine.deviceStats().describe());
        }
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }
}
