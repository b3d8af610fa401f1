/**
 * The call flow: the one state machine that decides what the terminal does, its events, states and timers,
 * and the small ports through which it commands the adapters (telephony, audio, journal).
 */
package org.hallphone.call;
