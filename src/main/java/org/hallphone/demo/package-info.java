/**
 * The far end of {@code --demo}: a stand-in contact centre on loopback that answers the terminal's calls and echoes
 * the patient's voice. A peer of the terminal, not part of its SIP stack; only {@code app} starts it.
 */
package org.hallphone.demo;
