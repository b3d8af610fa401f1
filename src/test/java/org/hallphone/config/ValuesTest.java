package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which SIP URIs and host[:port] forms are accepted; the exact messages are in {@link ConfigLoaderTest}. */
class ValuesTest {

    private static final Path BASE = Path.of("/");

    @ParameterizedTest
    @ValueSource(strings = {"sip:reps@pbx.example.org", "sips:reps@pbx.example.org:5061", "sip:10.1.2.3",
        "SIP:Reps@PBX", "sip:+74951234567@gw.example;user=phone", "sip:reps@[2001:db8::5]:5060",
        "sip:reps%20x@pbx;transport=tcp?subject=kiosk", "sip:101@127.0.0.1:15062"})
    void acceptsSipUris(String uri) throws InvalidValueException {
        assertEquals(uri, Values.sipUri().parse(uri, BASE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reps@pbx", "sip:", "sip:reps@", "sip:reps@pbx:", "sip:reps @pbx", "sip:re ps@pbx",
        "http://pbx", "sip:reps@pbx:70000", "sip:reps@999.1.1.1", "sip:reps@@pbx", "tel:+7495"})
    void rejectsWhatIsNotASipUri(String uri) {
        assertThrows(InvalidValueException.class, () -> Values.sipUri().parse(uri, BASE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pbx", "pbx.example.org", "pbx.example.org:5080", "10.0.0.1:5060", "[::1]:5060",
        "[2001:db8::1]", "pbx-1.example.org."})
    void acceptsHostAndPort(String text) throws InvalidValueException {
        assertEquals(text, Values.hostPort(false, 1).parse(text, BASE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pbx:", ":5060", "pbx:5060:1", "-pbx", "pbx..org", "pbx:65536", "2001:db8::1",
        "pbx/x", "1.2.3"})
    void rejectsBadHostAndPort(String text) {
        assertThrows(InvalidValueException.class, () -> Values.hostPort(false, 1).parse(text, BASE));
    }
}
