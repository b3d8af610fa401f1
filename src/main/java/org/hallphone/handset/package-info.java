/**
 * Hook-switch drivers: serial (jssc) and a simulated handset. The serial driver owns the port and its thread; the
 * pure pieces turn input into hook readings ({@code TextMode} with its {@code LineDecoder}, {@code LinesMode}) and
 * readings into changes ({@code Debouncer}). Public: {@link org.hallphone.handset.Handsets} (factory),
 * {@link org.hallphone.handset.HandsetDriver}, {@link org.hallphone.handset.SimulatedHandset}, and the technician
 * tools {@link org.hallphone.handset.SerialPorts} and {@link org.hallphone.handset.HandsetMonitor}. Drivers only
 * report facts as {@code call.CallEvent}s; the call flow decides. Only this package imports jssc.
 */
package org.hallphone.handset;
