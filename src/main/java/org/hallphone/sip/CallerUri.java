package org.hallphone.sip;

import java.util.Locale;
import java.util.regex.Pattern;
import javax.sip.address.Address;
import javax.sip.address.SipURI;

/**
 * Who called the terminal back, as it goes to the call log and the service screen: the From URI reduced to
 * {@code sip:user@host}, checked character by character. The display name is the caller's free text (it could be
 * {@code =HYPERLINK(...)} for a spreadsheet) and is never kept.
 */
final class CallerUri {

    /** RFC 3261 §25.1 user characters, without the ones a spreadsheet or a log reader could trip over. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._~!*'()+$,;?/&=-]{1,64}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private CallerUri() {
    }

    /** {@code sip:user@host} (or {@code sips:}), {@code sip:host} without a user; "unknown" when not acceptable. */
    static String of(Address from) {
        if (from == null || !(from.getURI() instanceof SipURI uri)) {
            return "unknown";
        }
        String host = uri.getHost();
        if (host == null || !HOST.matcher(host).matches()) {
            return "unknown";
        }
        String scheme = uri.isSecure() ? "sips:" : "sip:";
        String user = uri.getUser();
        if (user == null || user.isEmpty()) {
            return scheme + host.toLowerCase(Locale.ROOT);
        }
        if (!USER.matcher(user).matches()) {
            return scheme + "unknown@" + host.toLowerCase(Locale.ROOT);
        }
        return scheme + user + "@" + host.toLowerCase(Locale.ROOT);
    }
}
