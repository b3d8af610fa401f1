package org.hallphone.demo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * What the demo reads from the terminal's SDP offer (RFC 4566) and the answer it gives (RFC 3264 §6): the first
 * audio stream's address, its first G.711 format, telephone-event and rtcp-mux. Only the terminal's own offers reach
 * the demo (it listens on loopback), so this is deliberately no general SDP parser.
 *
 * @param remote         where the terminal receives RTP
 * @param payloadType    0 (PCMU) or 8 (PCMA), whichever the offer lists first
 * @param telephoneEvent the offer's RFC 4733 payload type, or -1
 * @param rtcpMux        the offer has {@code a=rtcp-mux} (RFC 5761), so the answer keeps RTCP on the RTP port
 */
record DemoSdp(InetSocketAddress remote, int payloadType, int telephoneEvent, boolean rtcpMux) {

    /** @throws IllegalArgumentException when the offer has no audio stream with PCMU or PCMA at a literal address */
    static DemoSdp readOffer(String sdp) {
        String address = null;
        String audio = null;
        int telephoneEvent = -1;
        boolean rtcpMux = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (audio != null) {
                    break; // only the first audio stream counts
                }
                audio = line.startsWith("m=audio ") ? line.substring(2) : null;
            } else if (line.startsWith("c=IN ") && (audio != null || address == null)) {
                address = line.substring(5).split(" ")[1].split("/")[0];
            } else if (audio != null && line.matches("a=rtpmap:\\d+ telephone-event/8000.*")) {
                telephoneEvent = Integer.parseInt(line.substring(9, line.indexOf(' ')));
            } else if (audio != null && line.strip().equals("a=rtcp-mux")) {
                rtcpMux = true;
            }
        }
        if (audio == null || address == null) {
            throw new IllegalArgumentException("no audio stream with a connection address in the offer");
        }
        String[] fields = audio.split(" ");
        int port = Integer.parseInt(fields[1]);
        for (int i = 3; i < fields.length; i++) {
            if (fields[i].equals("0") || fields[i].equals("8")) {
                return new DemoSdp(new InetSocketAddress(literal(address), port), Integer.parseInt(fields[i]),
                        telephoneEvent, rtcpMux);
            }
        }
        throw new IllegalArgumentException("the offer has no G.711 format: " + audio);
    }

    /** The demo's answer: its RTP address, the chosen codec and, when offered, telephone-event and rtcp-mux. */
    String answer(InetSocketAddress local, long sessionId) {
        String ip = (local.getAddress() instanceof java.net.Inet6Address ? "IP6 " : "IP4 ")
                + local.getAddress().getHostAddress();
        StringBuilder sdp = new StringBuilder()
                .append("v=0\r\n")
                .append("o=demo-centre ").append(sessionId).append(" 1 IN ").append(ip).append("\r\n")
                .append("s=Hallphone demo contact centre\r\n")
                .append("c=IN ").append(ip).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(local.getPort()).append(" RTP/AVP ").append(payloadType)
                .append(telephoneEvent >= 0 ? " " + telephoneEvent : "").append("\r\n")
                .append("a=rtpmap:").append(payloadType).append(payloadType == 0 ? " PCMU" : " PCMA")
                .append("/8000\r\n");
        if (telephoneEvent >= 0) {
            sdp.append("a=rtpmap:").append(telephoneEvent).append(" telephone-event/8000\r\n");
        }
        sdp.append("a=ptime:20\r\na=sendrecv\r\n");
        if (rtcpMux) {
            sdp.append("a=rtcp-mux\r\n");
        }
        return sdp.toString();
    }

    /** The address of an IP literal; a host name is refused rather than looked up. */
    private static InetAddress literal(String address) {
        if (!address.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}
