/**
 * The JAIN-SIP adapter: registration, outgoing and incoming calls, digest auth, the demo contact centre. Only this
 * package imports javax.sip.
 */
package org.hallphone.sip;
