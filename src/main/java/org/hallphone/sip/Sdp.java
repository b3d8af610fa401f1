package org.hallphone.sip;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hallphone.media.Codec;

/**
 * The small part of SDP (RFC 4566) and the offer/answer model (RFC 3264) the terminal needs: an offer of PCMU, PCMA
 * and telephone-event at 20 ms, an answer to a far end's offer, and parsing of the far end's audio line.
 */
final class Sdp {

    /** Dynamic payload type the terminal offers for RFC 4733 telephone-event. */
    static final int TELEPHONE_EVENT_PT = 101;
    /** The dynamic payload-type range of RFC 3551 §3; a dynamic format outside it is not used. */
    static final int DYNAMIC_MIN = 96;
    static final int DYNAMIC_MAX = 127;

    private Sdp() {
    }

    /** A media session's address as the far end must see it: never the wildcard address. */
    static InetSocketAddress advertised(InetSocketAddress local, InetAddress sipAddress) {
        if (local.getAddress() == null || local.getAddress().isAnyLocalAddress()) {
            return new InetSocketAddress(sipAddress, local.getPort());
        }
        return local;
    }

    /**
     * The terminal's offer (RFC 3264 §5): PCMU 0, PCMA 8, telephone-event 101 (events 0-16), ptime 20, rtcp-mux
     * (RFC 5761; RTCP is also received on port + 1 until the answer says).
     */
    static String offer(InetSocketAddress localRtp, long sessionId, long version) {
        return offer(localRtp, sessionId, version, SdpCrypto.AVP, List.of());
    }

    /** The offer with {@code profile} on the m= line and {@code extra} attributes (SDES keys) in the audio stream. */
    static String offer(InetSocketAddress localRtp, long sessionId, long version, String profile, List<String> extra) {
        return session(localRtp, sessionId, version, List.of(Codec.PCMU, Codec.PCMA), TELEPHONE_EVENT_PT,
                SdpMedia.Direction.SENDRECV, true, profile, extra);
    }

    /** The terminal's answer to {@code offered} (RFC 3264 §6): the codec chosen and the far end's DTMF type. */
    static String answer(InetSocketAddress localRtp, long sessionId, long version, SdpMedia offered) {
        return answer(localRtp, sessionId, version, offered, SdpCrypto.AVP, List.of());
    }

    /** The answer with {@code profile} on the m= line and {@code extra} attributes (our SDES key). */
    static String answer(InetSocketAddress localRtp, long sessionId, long version, SdpMedia offered, String profile,
                         List<String> extra) {
        return session(localRtp, sessionId, version, List.of(offered.codec()), offered.telephoneEvent(),
                offered.direction().answer(), offered.rtcpMux(), profile, extra);
    }

    private static String session(InetSocketAddress localRtp, long sessionId, long version, List<Codec> codecs,
                                  int telephoneEvent, SdpMedia.Direction direction, boolean rtcpMux, String profile,
                                  List<String> extra) {
        InetAddress address = localRtp.getAddress();
        String net = address instanceof Inet6Address ? "IP6" : "IP4";
        String host = address.getHostAddress();
        StringBuilder formats = new StringBuilder();
        StringBuilder attributes = new StringBuilder();
        for (Codec codec : codecs) {
            formats.append(' ').append(codec.payloadType());
            attributes.append("a=rtpmap:").append(codec.payloadType()).append(' ').append(codec.encodingName())
                    .append('/').append(Codec.SAMPLE_RATE).append("\r\n");
        }
        if (telephoneEvent >= 0) {
            formats.append(' ').append(telephoneEvent);
            attributes.append("a=rtpmap:").append(telephoneEvent).append(" telephone-event/8000\r\n")
                    .append("a=fmtp:").append(telephoneEvent).append(" 0-16\r\n");
        }
        return "v=0\r\n"
                + "o=hallphone " + sessionId + ' ' + version + " IN " + net + ' ' + host + "\r\n"
                + "s=Hallphone\r\n"
                + "c=IN " + net + ' ' + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + localRtp.getPort() + ' ' + profile + formats + "\r\n"
                + attributes
                + "a=ptime:" + Codec.PTIME_MS + "\r\n"
                + extra.stream().map(a -> "a=" + a + "\r\n").collect(Collectors.joining())
                + "a=" + direction.attribute() + "\r\n"
                + (rtcpMux ? "a=rtcp-mux\r\n" : "");
    }

    /**
     * Reads the first audio stream of a session description.
     *
     * The connection address must be a literal IPv4/IPv6 address matching its address type (a host name is refused:
     * no DNS lookup on the SIP thread, review F9) and may not be multicast or a broadcast address; 0.0.0.0 (or ::)
     * is accepted only as a hold. Formats outside 0-127, and dynamic ones (telephone-event included) outside 96-127,
     * are not used. Where the stream may point relative to the signalling peer and the terminal itself is
     * {@link #refuseTarget}'s business.
     *
     * @throws IllegalArgumentException when there is no usable audio stream (no audio line, port 0, no G.711, no
     *                                  connection address, or an address refused as above)
     */
    static SdpMedia parse(String sdp) {
        AudioLines lines = AudioLines.scan(sdp);
        if (lines.mediaLine == null) {
            throw new IllegalArgumentException("SDP has no audio stream");
        }
        String[] m = lines.mediaLine.split("\\s+");
        if (m.length < 4) {
            throw new IllegalArgumentException("SDP audio line is incomplete: " + lines.mediaLine);
        }
        int port = port(m[1]);
        Formats formats = formats(m, lines.rtpmap);
        if (formats.codec == null) {
            throw new IllegalArgumentException("SDP offers no G.711 codec: " + lines.mediaLine);
        }
        InetAddress address = connectionAddress(
                lines.mediaConnection != null ? lines.mediaConnection : lines.sessionConnection);
        SdpMedia.Direction direction = lines.mediaDirection != null ? lines.mediaDirection : lines.sessionDirection;
        if (address.isAnyLocalAddress()) {
            direction = SdpMedia.Direction.INACTIVE; // RFC 2543 hold: c=0.0.0.0 (RFC 3264 §8.4)
        }
        return new SdpMedia(new InetSocketAddress(address, port), formats.codec, formats.telephoneEvent, direction,
                lines.rtcpMux, m[2], lines.crypto);
    }

    /**
     * The lines of a session description that matter, in one pass: the session-level connection and direction, and
     * of the first audio stream its m= line, connection, direction, rtpmaps, crypto attributes and rtcp-mux. Lines
     * of later streams are skipped.
     */
    private static final class AudioLines {
        String sessionConnection;
        String mediaConnection;
        String mediaLine;
        final Map<Integer, String> rtpmap = new HashMap<>();
        final List<String> crypto = new ArrayList<>();
        SdpMedia.Direction sessionDirection = SdpMedia.Direction.SENDRECV;
        SdpMedia.Direction mediaDirection;
        boolean rtcpMux;
        /** Inside the first audio stream. */
        private boolean inAudio;
        /** The first audio stream has ended: later m= lines are never audio for us. */
        private boolean audioDone;
        /** Past the session level. */
        private boolean seenMedia;

        static AudioLines scan(String sdp) {
            AudioLines lines = new AudioLines();
            for (String rawLine : sdp.split("\r?\n")) {
                String line = rawLine.strip();
                if (line.length() >= 2 && line.charAt(1) == '=') {
                    lines.add(line.charAt(0), line.substring(2).strip());
                }
            }
            return lines;
        }

        private void add(char type, String value) {
            if (type == 'm') {
                seenMedia = true;
                audioDone |= inAudio;
                inAudio = !audioDone && mediaLine == null && value.startsWith("audio ");
                if (inAudio) {
                    mediaLine = value;
                }
            } else if (type == 'c') {
                if (!seenMedia) {
                    sessionConnection = value;
                } else if (inAudio) {
                    mediaConnection = value;
                }
            } else if (type == 'a' && !seenMedia) {
                SdpMedia.Direction d = directionOf(value);
                sessionDirection = d != null ? d : sessionDirection;
            } else if (type == 'a' && inAudio) {
                audioAttribute(value);
            }
        }

        private void audioAttribute(String value) {
            SdpMedia.Direction d = directionOf(value);
            if (d != null) {
                mediaDirection = d;
            } else if (value.equalsIgnoreCase("rtcp-mux")) {
                rtcpMux = true;
            } else if (value.regionMatches(true, 0, "crypto:", 0, 7)) {
                crypto.add(value.substring(7));
            } else if (value.startsWith("rtpmap:")) {
                String[] parts = value.substring("rtpmap:".length()).split("\\s+", 2);
                if (parts.length == 2) {
                    try {
                        rtpmap.put(Integer.parseInt(parts[0]), parts[1].toLowerCase(Locale.ROOT));
                    } catch (NumberFormatException ignored) {
                        // a malformed rtpmap names no format we could use
                    }
                }
            }
        }
    }

    /** The audio port of an m= line's port field ({@code port} or {@code port/count}). */
    private static int port(String field) {
        int port;
        try {
            port = Integer.parseInt(field.split("/")[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SDP audio port is not a number: " + field, e);
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("SDP audio stream rejected (port " + port + ")");
        }
        return port;
    }

    /** The first G.711 codec (null: none) and the telephone-event type (-1: none) of an m= line's formats. */
    private record Formats(Codec codec, int telephoneEvent) {
    }

    private static Formats formats(String[] m, Map<Integer, String> rtpmap) {
        Codec codec = null;
        int telephoneEvent = -1;
        for (int i = 3; i < m.length; i++) {
            int pt;
            try {
                pt = Integer.parseInt(m[i]);
            } catch (NumberFormatException e) {
                continue;
            }
            String map = rtpmap.get(pt);
            if (pt < 0 || pt > DYNAMIC_MAX || (map != null && pt >= 35 && pt < DYNAMIC_MIN)) {
                continue; // not an RTP payload type, or a dynamic mapping outside 96-127 (RFC 3551 §3)
            }
            Codec candidate = codecOf(pt, map);
            if (codec == null && candidate != null) {
                codec = candidate;
            }
            if (telephoneEvent < 0 && map != null && map.startsWith("telephone-event/8000")) {
                telephoneEvent = pt;
            }
        }
        return new Formats(codec, telephoneEvent);
    }

    /**
     * The address of a c= line value: a literal of its address type, neither multicast nor the broadcast address.
     * Never asks DNS.
     */
    private static InetAddress connectionAddress(String connection) {
        if (connection == null) {
            throw new IllegalArgumentException("SDP has no connection address");
        }
        String[] c = connection.split("\\s+");
        if (c.length < 3 || !c[0].equals("IN")) {
            throw new IllegalArgumentException("SDP connection line not understood: " + connection);
        }
        String host = c[2].split("/")[0];
        InetAddress address = Resolver.literal(host);
        if (address == null) {
            throw new IllegalArgumentException("SDP connection address is not a literal IP address: " + host);
        }
        if (!c[1].equals(address instanceof Inet6Address ? "IP6" : "IP4")) {
            throw new IllegalArgumentException("SDP connection address " + host + " is not of type " + c[1]);
        }
        if (address.isMulticastAddress()) {
            throw new IllegalArgumentException("SDP points media at a multicast address: " + host);
        }
        if (host.equals("255.255.255.255")) {
            throw new IllegalArgumentException("SDP points media at the broadcast address");
        }
        return address;
    }

    /**
     * Why the far end's stream must not be used, relative to who sent it (review F14), or null when it may: no
     * loopback address unless the signalling peer is on loopback, none of the terminal's own addresses unless the
     * peer is on this machine, never the terminal's own SIP port or its RTP port of this call, no subnet broadcast
     * address. The unspecified address (hold) is always allowed.
     *
     * @param peer    the packet source of the message that carried the SDP; null when unknown
     * @param sipPort the terminal's SIP port
     * @param rtpPort the terminal's RTP port for this call; 0 when none yet
     */
    static String refuseTarget(SdpMedia media, InetAddress peer, int sipPort, int rtpPort) {
        InetAddress a = media.remote().getAddress();
        int port = media.remote().getPort();
        if (a.isAnyLocalAddress()) {
            return null;
        }
        boolean peerLocal = peer != null && (peer.isLoopbackAddress() || LocalAddress.isOwn(peer));
        if (a.isLoopbackAddress() && (peer == null || !peer.isLoopbackAddress())) {
            return "media at a loopback address (" + a.getHostAddress() + ") from a peer that is not on loopback";
        }
        boolean own = a.isLoopbackAddress() || LocalAddress.isOwn(a);
        if (own && !peerLocal) {
            return "media at the terminal's own address " + a.getHostAddress();
        }
        if (own && (port == sipPort || port == rtpPort)) {
            return "media at the terminal's own " + (port == sipPort ? "SIP" : "RTP") + " port " + port;
        }
        if (LocalAddress.isBroadcast(a)) {
            return "media at a broadcast address " + a.getHostAddress();
        }
        return null;
    }

    private static SdpMedia.Direction directionOf(String attribute) {
        for (SdpMedia.Direction d : SdpMedia.Direction.values()) {
            if (attribute.equalsIgnoreCase(d.attribute())) {
                return d;
            }
        }
        return null;
    }

    private static Codec codecOf(int pt, String rtpmap) {
        if (rtpmap != null) {
            for (Codec codec : Codec.values()) {
                if (rtpmap.startsWith(codec.encodingName().toLowerCase(Locale.ROOT) + "/8000")) {
                    return codec;
                }
            }
            return null;
        }
        // static payload types need no rtpmap (RFC 3551 §6)
        return pt == 0 ? Codec.PCMU : pt == 8 ? Codec.PCMA : null;
    }
}
