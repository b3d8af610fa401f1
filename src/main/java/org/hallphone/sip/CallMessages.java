package org.hallphone.sip;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Small readings of SIP messages that the call code needs: redirect contacts, tags, SDP bodies, Retry-After. */
final class CallMessages {

    /** Longest Retry-After honoured (review F20): one 503 must not shut a target or the registrar out for good. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private CallMessages() {
    }

    static List<String> contactsOf(Response response) {
        List<ContactHeader> contacts = new ArrayList<>();
        ListIterator<?> it = response.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            contacts.add((ContactHeader) it.next());
        }
        // RFC 3261 §8.1.3.4: higher q first; equal q keep their order (stable sort)
        contacts.sort(Comparator.comparing((ContactHeader c) -> c.getQValue() < 0 ? 1.0f : c.getQValue())
                .reversed());
        List<String> uris = new ArrayList<>();
        for (ContactHeader c : contacts) {
            uris.add(c.getAddress().getURI().toString());
        }
        return uris;
    }

    /**
     * The digit of a SIP INFO carrying DTMF: {@code application/dtmf-relay} ({@code Signal=5}) or
     * {@code application/dtmf} ({@code 5}); 0 when there is none.
     */
    static char infoDigit(Message info) {
        ContentTypeHeader type = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
        byte[] raw = info.getRawContent();
        if (type == null || raw == null || !"application".equalsIgnoreCase(type.getContentType())) {
            return 0;
        }
        String body = new String(raw, StandardCharsets.US_ASCII).strip();
        String value;
        if ("dtmf-relay".equalsIgnoreCase(type.getContentSubType())) {
            value = "";
            for (String line : body.split("\\r?\\n")) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("Signal")) {
                    value = kv[1].strip();
                }
            }
        } else if ("dtmf".equalsIgnoreCase(type.getContentSubType())) {
            value = body;
        } else {
            return 0;
        }
        if (value.equals("10")) {
            return '*';
        }
        if (value.equals("11")) {
            return '#';
        }
        return value.length() == 1 && "0123456789*#ABCDabcd".indexOf(value.charAt(0)) >= 0
                ? Character.toUpperCase(value.charAt(0)) : 0;
    }

    /**
     * A response's Retry-After (RFC 3261 §20.33), at most {@link #MAX_RETRY_AFTER}; {@link Duration#ZERO} when
     * absent or not positive. Calls and the registration both honour it through here.
     */
    static Duration retryAfter(Response response) {
        RetryAfterHeader header = (RetryAfterHeader) response.getHeader(RetryAfterHeader.NAME);
        if (header == null || header.getRetryAfter() <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(Math.min(header.getRetryAfter(), MAX_RETRY_AFTER.toSeconds()));
    }

    static boolean hasToTag(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    static boolean hasSdp(Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        return message.getRawContent() != null && message.getRawContent().length > 0 && type != null
                && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
    }

    static String body(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || !hasSdp(message)) {
            throw new IllegalArgumentException("no SDP body");
        }
        return new String(raw, StandardCharsets.UTF_8);
    }
}
