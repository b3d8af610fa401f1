package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Host[:port] values and the hosts of SIP URIs, IPv6 brackets included; literals that need no DNS lookup. */
class HostPortTest {

    @Test
    void hostPortsAndUriHosts() {
        assertEquals(new HostPort("pbx.example", 5080), HostPort.parse("pbx.example:5080", 0));
        assertEquals(new HostPort("pbx.example", 0), HostPort.parse("pbx.example", 0));
        assertEquals(new HostPort("[2001:db8::1]", 5060), HostPort.parse("[2001:db8::1]:5060", 0));
        assertEquals("2001:db8::1", HostPort.parse("[2001:db8::1]", 0).bareHost());
        assertEquals("pbx.example", LocalAddress.hostOf("sip:reps@pbx.example:5060;transport=tcp"));
        assertEquals("2001:db8::2", LocalAddress.hostOf("sip:reps@[2001:db8::2]"));
    }

    @Test
    void literalsNeedNoLookup() {
        assertTrue(Resolver.isLiteral("10.1.2.3"));
        assertTrue(Resolver.isLiteral("[2001:db8::1]"));
        assertTrue(Resolver.isLiteral("::1"));
        assertEquals(false, Resolver.isLiteral("1.2.3"));
        assertEquals(false, Resolver.isLiteral("pbx.example"));
        assertEquals(false, Resolver.isLiteral("10.1.2.300"));
        assertNull(Resolver.literal("pbx.example"));
    }
}
