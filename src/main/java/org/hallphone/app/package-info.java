/** Composition root: parses the command line, builds and wires everything, owns start and stop order. */
package org.hallphone.app;
