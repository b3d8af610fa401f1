/**
 * Test support shared by the packages' tests: the one configuration builder ({@link
 * org.hallphone.testing.KioskProperties}), the peers on loopback (Kamailio, baresip, socat, rsyslog) and finding
 * them, free ports, named waits, comparing audio, and closing what a test started.
 */
package org.hallphone.testing;
