/** What a fleet operator talks to: the health and metrics HTTP endpoint. */
package org.hallphone.ops;
