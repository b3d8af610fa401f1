package org.hallphone.sip;

/**
 * What the service screen shows about SIP; a read-only snapshot.
 *
 * @param registered     registered with the registrar (true when none is configured and the stack runs)
 * @param lastError      the last registration or transport problem in plain words; empty when none
 * @param localContact   the terminal's contact address ({@code host:port;transport}); empty while not running
 * @param registrar      {@code sip.registrar}; empty when the terminal does not register
 */
public record SipStatus(boolean registered, String lastError, String localContact, String registrar) {
}
