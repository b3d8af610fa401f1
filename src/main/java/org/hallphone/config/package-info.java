/** Immutable configuration records, the loader of {@code kiosk.properties} and validation with file:line errors. */
package org.hallphone.config;
