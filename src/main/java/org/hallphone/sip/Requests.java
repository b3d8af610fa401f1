package org.hallphone.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AllowHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds the terminal's requests and common response headers: identity (From display name, X-Hallphone-*),
 * Via with rport (RFC 3581), Contact, Allow, Supported, and a loose Route through {@code sip.proxy} (RFC 3261
 * §16.12). Confined to the SIP thread.
 */
final class Requests {

    /** Methods the terminal handles (Allow, RFC 3261 §20.5). */
    static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK, Request.CANCEL, Request.BYE,
            Request.OPTIONS, Request.INFO);
    static final String TERMINAL_HEADER = "X-Hallphone-Terminal";
    static final String ATTEMPT_HEADER = "X-Hallphone-Attempt";
    static final String LOCATION_HEADER = "X-Hallphone-Location";

    private final SipEndpoint endpoint;
    private final Identity identity;
    private final HostPort proxy;
    /** Our address as the registrar sees it (Via received/rport) when that differs: behind NAT. */
    private HostPort publicAddress;
    /** The random user part of the Contact we register (call-backs must be addressed to it); null: none yet. */
    private volatile String registeredContactUser;

    Requests(SipEndpoint endpoint, Identity identity, HostPort proxy) {
        this.endpoint = endpoint;
        this.identity = identity;
        this.proxy = proxy;
    }

    /** The initial INVITE of an outgoing attempt (RFC 3261 §13.2.1) carrying {@code sdp} as the offer. */
    Request invite(String target, int attemptNo, String sdp) throws ParseException, InvalidArgumentException {
        URI requestUri = withTransport(endpoint.addresses().createURI(target.strip()));
        Address to = endpoint.addresses().createAddress(requestUri);
        Request invite = create(Request.INVITE, requestUri, fromAddress(), to, newCallId(), 1);
        invite.addHeader(endpoint.headers().createHeader(ATTEMPT_HEADER, Integer.toString(attemptNo)));
        if (!identity.location().isEmpty()) {
            invite.addHeader(endpoint.headers().createHeader(LOCATION_HEADER, identity.location()));
        }
        ContentTypeHeader type = endpoint.headers().createContentTypeHeader("application", "sdp");
        invite.setContent(sdp, type);
        return invite;
    }

    /** A REGISTER for the account (RFC 3261 §10.2); {@code expires} 0 removes the binding. */
    Request register(HostPort registrar, String callId, long cseq, int expires)
            throws ParseException, InvalidArgumentException {
        SipURI registrarUri = endpoint.addresses().createSipURI(null, registrar.host());
        if (registrar.port() > 0) {
            registrarUri.setPort(registrar.port());
        }
        withTransport(registrarUri);
        Address aor = fromAddress();
        Address to = endpoint.addresses().createAddress(aor.getURI());
        Request register = create(Request.REGISTER, registrarUri, aor, to, callId, cseq);
        if (registeredContactUser != null) {
            register.setHeader(contact(registeredContactUser));
        }
        register.addHeader(endpoint.headers().createExpiresHeader(expires));
        return register;
    }

    /** An out-of-dialog OPTIONS to {@code host} (keep-alive, RFC 3261 §11). */
    Request options(HostPort host) throws ParseException, InvalidArgumentException {
        SipURI uri = endpoint.addresses().createSipURI(null, host.host());
        if (host.port() > 0) {
            uri.setPort(host.port());
        }
        withTransport(uri);
        Address to = endpoint.addresses().createAddress(uri);
        return create(Request.OPTIONS, uri, fromAddress(), to, newCallId(), 1);
    }

    private Request create(String method, URI requestUri, Address from, Address to, String callId, long cseq)
            throws ParseException, InvalidArgumentException {
        FromHeader fromHeader = endpoint.headers().createFromHeader(from, newTag());
        ToHeader toHeader = endpoint.headers().createToHeader(to, null);
        CallIdHeader callIdHeader = endpoint.headers().createCallIdHeader(callId);
        CSeqHeader cseqHeader = endpoint.headers().createCSeqHeader(cseq, method);
        MaxForwardsHeader maxForwards = endpoint.headers().createMaxForwardsHeader(70);
        List<ViaHeader> via = new ArrayList<>();
        via.add(via());
        Request request = endpoint.messages().createRequest(requestUri, method, callIdHeader, cseqHeader, fromHeader,
                toHeader, via, maxForwards);
        request.addHeader(contact());
        if (!proxy.isEmpty()) {
            SipURI route = endpoint.addresses().createSipURI(null, proxy.host());
            if (proxy.port() > 0) {
                route.setPort(proxy.port());
            }
            route.setLrParam();
            withTransport(route);
            request.addHeader(endpoint.headers().createRouteHeader(endpoint.addresses().createAddress(route)));
        }
        addIdentity(request);
        return request;
    }

    /** Allow, Supported, User-Agent and X-Hallphone-Terminal: on every request and on our 2xx responses. */
    void addIdentity(Message message) throws ParseException {
        for (String method : ALLOWED) {
            AllowHeader allow = endpoint.headers().createAllowHeader(method);
            message.addHeader(allow);
        }
        message.addHeader(endpoint.headers().createHeader("Supported", ""));
        List<String> product = new ArrayList<>();
        product.add(identity.userAgent());
        if (message instanceof Request) {
            message.addHeader(endpoint.headers().createUserAgentHeader(product));
        } else {
            message.addHeader(endpoint.headers().createServerHeader(product));
        }
        message.addHeader(endpoint.headers().createHeader(TERMINAL_HEADER, identity.terminalId()));
    }

    /** Adds Contact and identity headers to a response the terminal sends in a dialog it accepts. */
    void completeResponse(Response response) throws ParseException {
        response.addHeader(contact());
        addIdentity(response);
    }

    ViaHeader via() throws ParseException, InvalidArgumentException {
        // our own branch: the stack keeps a z9hG4bK branch it is given, and its own generator is predictable
        ViaHeader via = endpoint.headers().createViaHeader(endpoint.host(), endpoint.port(), endpoint.transport(),
                Ids.branch());
        via.setRPort();
        return via;
    }

    /**
     * Advertises {@code host}:{@code port} in Contact from now on: the address the registrar saw our requests come
     * from (RFC 3581 received/rport), so that in-dialog requests and call-backs reach the terminal through NAT.
     */
    void usePublicAddress(HostPort address) {
        this.publicAddress = address;
    }

    HostPort publicAddress() {
        return publicAddress;
    }

    /**
     * Registers {@code user} as the Contact's user part from now on (REGISTER only). A call-back over UDP is taken
     * only when addressed to it: the registrar learns it, someone forging the registrar's address does not.
     */
    void useRegisteredContactUser(String user) {
        this.registeredContactUser = user;
    }

    /** The Contact user registered now, or null when the terminal does not register. Any thread. */
    String registeredContactUser() {
        return registeredContactUser;
    }

    ContactHeader contact() throws ParseException {
        return contact(identity.user());
    }

    private ContactHeader contact(String user) throws ParseException {
        String host = publicAddress != null ? publicAddress.host() : hostForUri(endpoint.host());
        SipURI uri = endpoint.addresses().createSipURI(user, host);
        uri.setPort(publicAddress != null ? publicAddress.port() : endpoint.port());
        withTransport(uri);
        return endpoint.headers().createContactHeader(endpoint.addresses().createAddress(uri));
    }

    Address fromAddress() throws ParseException {
        String domain = identity.domain().isEmpty() ? hostForUri(endpoint.host()) : identity.domain();
        SipURI uri = endpoint.addresses().createSipURI(identity.user(), domain);
        Address address = endpoint.addresses().createAddress(uri);
        if (!identity.displayName().isEmpty()) {
            address.setDisplayName(identity.displayName());
        }
        return address;
    }

    /** Adds {@code ;transport=} to a sip: URI without one when the terminal does not use UDP (RFC 3263 aside). */
    private URI withTransport(URI uri) throws ParseException {
        if (uri instanceof SipURI sipUri && !"udp".equals(endpoint.transport())
                && sipUri.getTransportParam() == null && !sipUri.isSecure()) {
            sipUri.setTransportParam(endpoint.transport());
        }
        return uri;
    }

    static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static String newCallId() {
        return Ids.callId();
    }

    static String newTag() {
        return Ids.tag();
    }
}
