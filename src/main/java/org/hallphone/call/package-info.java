/**
 * The call flow: the one state machine that decides what the terminal does, its events, states and timers,
 * and the small ports through which it commands the adapters (telephony, audio, journal). Also the kernel's shared
 * facts that adapters report and others observe without depending on each other: the records of a call's audio
 * ({@link org.hallphone.call.MediaStats}, {@link org.hallphone.call.AudioDeviceStats},
 * {@link org.hallphone.call.RemoteReport}), which media produces and ops counts.
 */
package org.hallphone.call;
