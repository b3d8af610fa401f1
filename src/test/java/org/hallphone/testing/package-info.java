/** Test support shared by the packages' tests: finding peers, free ports, waiting for conditions. */
package org.hallphone.testing;
