/**
 * The JavaFX kiosk: one screen per call state, the view model, and the technician's service screen.
 *
 * <h2>The window</h2>
 * {@link org.hallphone.ui.KioskWindow} (opened by the composition root with a
 * {@link org.hallphone.ui.KioskContext}) holds the {@code KioskView}: the top bar, the patient screen of the
 * moment and the service overlay. {@code CallViewModel} moves the call flow's snapshots to the FX thread and
 * decides which {@code ScreenKind} shows (a pure function of the snapshot, plus the rating question).
 *
 * <h2>The patient's screens</h2>
 * {@code Screens} builds the screen of each {@code ScreenKind} (an exhaustive switch); the builders live in small classes by
 * when the patient meets them: {@code RestingScreens} (ready, after hours), {@code CallScreens} (connecting, a
 * call-back), {@code TalkingScreen}, {@code AfterCallScreens} (ended, not reached, cut off, left off the hook),
 * {@code OutOfServiceScreen} and {@code RatingScreens} (the rating and the thank-you). All are made of the same
 * {@code ScreenParts}, the {@code Pictograms}, the words of {@code Texts} and the style classes of
 * {@code Styles} ({@code kiosk.css}).
 *
 * <h2>The technician's service screen</h2>
 * Behind a hidden gesture and a PIN, for staff only; five classes here, all named {@code Service*}:
 * <ul>
 *   <li>{@code ServiceAccess}: the way in, the PIN pad, closing when untouched or when a call starts;</li>
 *   <li>{@code ServicePanel}: the screen itself, status, last calls, the maintenance buttons;</li>
 *   <li>{@link org.hallphone.ui.ServiceGate}: the count of wrong PINs and the lock-outs (kept across restarts);</li>
 *   <li>{@link org.hallphone.ui.ServicePin}: PBKDF2 hashing and checking of the PIN (the stored form and the
 *       rule for a new PIN are the configuration's {@code config.PinHash});</li>
 *   <li>{@link org.hallphone.ui.ServiceDesk}: the port through which the screen reads and acts on the terminal,
 *       implemented by the composition root ({@code app.TerminalServiceDesk}).</li>
 * </ul>
 * They stay in this package rather than a {@code ui.service} sub-package on purpose: the PIN pad and the panel
 * are built from the kiosk's own package-private parts ({@code ScreenParts}, {@code Texts}, {@code Styles},
 * {@code BackgroundWork}, {@code CallViewModel}), which a sub-package would have to make public.
 */
package org.hallphone.ui;
