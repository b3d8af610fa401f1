/** Test support shared by the packages' tests: finding peers, free ports, waiting for conditions, comparing audio. */
package org.hallphone.testing;
