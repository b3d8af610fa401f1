/**
 * The JAIN-SIP adapter: registration, outgoing and incoming calls, digest auth, admission of strangers. Only this
 * package (and the demo far end, {@code org.hallphone.demo}) imports javax.sip.
 */
package org.hallphone.sip;
