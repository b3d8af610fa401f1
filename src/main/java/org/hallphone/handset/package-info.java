/** Hook-switch drivers: serial (jssc) text and modem-line modes and a simulated handset; a pure decoder and debounce. */
package org.hallphone.handset;
