/**
 * The durable call journal (daily CSV files, in-progress markers), retention, ratings, and reading for the service
 * screen and the kiosk.
 */
package org.hallphone.calllog;
