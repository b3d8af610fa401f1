package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where redirects may lead and which challenges get the password (review F11). */
class TrustedDomainsTest {

    @Test
    void trustedDomainsCoverSubdomainsButNotLookAlikes() {
        TrustedDomains t = new TrustedDomains(List.of("sip:reps@pbx.example", "10.0.0.5:5060", ""), "");
        assertTrue(t.covers("pbx.example"));
        assertTrue(t.covers("EU.pbx.example"));
        assertTrue(t.covers("10.0.0.5"));
        assertEquals(false, t.covers("evilpbx.example"));
        assertEquals(false, t.covers("pbx.example.attacker.example"));
        assertEquals(false, t.covers("1.10.0.0.5"));
    }

    @Test
    void redirectsStayInTrustedDomainsAndNeverLeaveSips() throws Exception {
        AddressFactoryImpl uris = new AddressFactoryImpl();
        TrustedDomains t = new TrustedDomains(List.of("pbx.example"), "");
        assertNull(t.refuseRedirect(uris.createURI("sip:reps@pbx.example"), uris.createURI("sip:desk@pbx.example")));
        assertNotNull(t.refuseRedirect(uris.createURI("sip:reps@pbx.example"),
                uris.createURI("sip:x@attacker.example")));
        assertNotNull(t.refuseRedirect(uris.createURI("sips:reps@pbx.example"),
                uris.createURI("sip:desk@pbx.example")), "sips: -> sip: is a downgrade");
        assertNull(t.refuseRedirect(uris.createURI("sips:reps@pbx.example"), uris.createURI("sips:d@pbx.example")));
        assertNotNull(t.refuseRedirect(uris.createURI("sip:reps@pbx.example"), uris.createURI("tel:+1555")));
    }

    @Test
    void challengesAreAnsweredOnlyForTheConfiguredRealmAndHosts() {
        TrustedDomains anyRealm = new TrustedDomains(List.of("pbx.example"), "");
        assertNull(anyRealm.refuseChallenge("pbx.example", "whatever"));
        assertNotNull(anyRealm.refuseChallenge("attacker.example", "pbx.example"));
        TrustedDomains bound = new TrustedDomains(List.of("pbx.example"), "asterisk");
        assertNull(bound.refuseChallenge("pbx.example", "asterisk"));
        assertNotNull(bound.refuseChallenge("pbx.example", "other"));
    }
}
