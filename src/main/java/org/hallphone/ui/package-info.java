/** The JavaFX kiosk: one screen per call state, the view model, and the technician's service screen. */
package org.hallphone.ui;
