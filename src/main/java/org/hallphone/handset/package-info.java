/**
 * Hook-switch drivers: serial (jssc) text and modem-line modes and a simulated handset; a pure line decoder,
 * modem-line decoder and debounce. Public: {@link org.hallphone.handset.Handsets} (factory),
 * {@link org.hallphone.handset.HandsetDriver}, {@link org.hallphone.handset.SimulatedHandset}, and the technician
 * tools {@link org.hallphone.handset.SerialPorts} and {@link org.hallphone.handset.HandsetMonitor}. Drivers only
 * report facts as {@code call.CallEvent}s; the call flow decides. Only this package imports jssc.
 */
package org.hallphone.handset;
