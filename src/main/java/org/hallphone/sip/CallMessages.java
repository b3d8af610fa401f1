package org.hallphone.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Small readings of SIP messages that the call code needs: redirect contacts, tags, SDP bodies. */
final class CallMessages {

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
