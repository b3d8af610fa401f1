/** The durable call journal (daily CSV files, in-progress markers), retention, ratings and reading for the service screen. */
package org.hallphone.calllog;
