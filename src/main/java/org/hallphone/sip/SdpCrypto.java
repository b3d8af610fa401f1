package org.hallphone.sip;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hallphone.call.Media;
import org.hallphone.config.SipConfig.Srtp;
import org.hallphone.media.PacketTransform;
import org.hallphone.media.SrtpPolicy;
import org.hallphone.media.SrtpSuite;
import org.hallphone.media.SrtpTransform;

/**
 * SDES (RFC 4568): SRTP keys in the SDP's {@code a=crypto} attributes, and which transport profile a call uses
 * under {@code sip.srtp}.
 *
 * <ul>
 *   <li>{@code off}: offers plain {@code RTP/AVP}; refuses {@code RTP/SAVP} offers with 488; ignores keys offered
 *       on {@code RTP/AVP} (RFC 4568 §5.1.1: an answerer that does not do SRTP answers without them).</li>
 *   <li>{@code optional}: offers {@code RTP/AVP} with keys, "best-effort SRTP" as baresip ({@code mediaenc=srtp}),
 *       Asterisk and most phones do; a far end that does SRTP answers with a key (encrypted), one that does not
 *       ignores them (plain). An alternative offer in two m-lines or by capability negotiation (RFC 5939) is
 *       understood by far fewer peers. Answers SRTP whenever keys are offered.</li>
 *   <li>{@code required}: offers {@code RTP/SAVP} only; any offer or answer without a usable key is refused.</li>
 * </ul>
 *
 * <p>Keys are never put in an exception message or a log line; {@link Redaction} masks them in SIP logs.
 */
final class SdpCrypto {

    static final String AVP = "RTP/AVP";
    static final String SAVP = "RTP/SAVP";

    /** What the terminal offers, in order of preference: the mandatory suite of RFC 4568 first. */
    static final List<SrtpSuite> OFFERED = List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80,
            SrtpSuite.AES_CM_128_HMAC_SHA1_32, SrtpSuite.AEAD_AES_128_GCM);

    private SdpCrypto() {
    }

    /** A media description the terminal cannot serve; {@link #status} is the SIP status that says so. */
    static final class Refused extends Exception {
        final int status;

        Refused(String reason) {
            super(reason, null, false, false);
            this.status = 488;
        }
    }

    /** One {@code a=crypto} line: its tag and the key it carries. */
    record Crypto(int tag, SrtpPolicy policy) {
        String attribute() {
            return "crypto:" + tag + ' ' + policy.suite().sdesName() + " inline:"
                    + Base64.getEncoder().encodeToString(policy.keyAndSalt());
        }

        @Override
        public String toString() {
            return "crypto " + tag + ' ' + policy.suite().sdesName();
        }
    }

    /** Our offer: its profile and, unless plain, one fresh key per offered suite. */
    record Offer(Srtp mode, String profile, List<Crypto> keys) {
        Offer {
            keys = List.copyOf(keys);
        }

        static Offer of(Srtp mode) {
            if (mode == Srtp.OFF) {
                return new Offer(mode, AVP, List.of());
            }
            List<Crypto> keys = new ArrayList<>();
            for (int i = 0; i < OFFERED.size(); i++) {
                keys.add(new Crypto(i + 1, SrtpPolicy.random(OFFERED.get(i))));
            }
            return new Offer(mode, mode == Srtp.REQUIRED ? SAVP : AVP, keys);
        }

        List<String> attributes() {
            return keys.stream().map(Crypto::attribute).toList();
        }
    }

    /**
     * What a call's media agreed on: the profile, and for SRTP our key (which we send with) and the far end's (which
     * it sends with).
     */
    record Agreement(String profile, Crypto ours, SrtpPolicy theirs) {

        static Agreement plain(String profile) {
            return new Agreement(profile, null, null);
        }

        boolean encrypted() {
            return ours != null;
        }

        Media media() {
            return encrypted() ? Media.SRTP : Media.RTP;
        }

        /** The attributes of our SDP answer: our key, under the tag and suite the far end chose. */
        List<String> attributes() {
            return encrypted() ? List.of(ours.attribute()) : List.of();
        }

        /** The packet transform for these keys; {@code current} is kept when it already uses them. */
        PacketTransform transform(PacketTransform current) {
            if (!encrypted()) {
                return PacketTransform.IDENTITY;
            }
            if (current instanceof SrtpTransform srtp && srtp.uses(ours.policy(), theirs)) {
                return current;
            }
            return SrtpTransform.of(ours.policy(), theirs);
        }

        @Override
        public String toString() {
            return encrypted() ? "SRTP " + ours.policy().suite().sdesName() + " (" + profile + ")" : "plain RTP";
        }
    }

    /**
     * Our answer to the far end's offer (RFC 4568 §6.1: the first offered line we support, answered with the same
     * tag and suite and a key of our own).
     *
     * @param current the agreement in force (a re-INVITE), null for a new call: its key is kept when the far end
     *                keeps its own, and an encrypted call is never downgraded to plain
     */
    static Agreement answer(SdpMedia offer, Srtp mode, Agreement current) throws Refused {
        String profile = profile(offer);
        boolean savp = profile.equals(SAVP);
        if (mode == Srtp.OFF) {
            if (savp) {
                throw new Refused("the far end offers SRTP only (RTP/SAVP) and sip.srtp is off");
            }
            return Agreement.plain(profile);
        }
        Optional<Crypto> chosen = offer.crypto().stream().map(SdpCrypto::parse).flatMap(Optional::stream)
                .findFirst();
        if (chosen.isEmpty()) {
            if (savp) {
                throw new Refused("the far end offers RTP/SAVP without a crypto suite the terminal speaks ("
                        + suitesOf(offer) + ")");
            }
            if (mode == Srtp.REQUIRED || (current != null && current.encrypted())) {
                throw new Refused("the far end offers plain RTP and " + (mode == Srtp.REQUIRED
                        ? "sip.srtp is required" : "the call is encrypted"));
            }
            return Agreement.plain(profile);
        }
        Crypto theirs = chosen.get();
        if (current != null && current.encrypted() && current.ours().tag() == theirs.tag()
                && current.theirs().equals(theirs.policy())) {
            return new Agreement(profile, current.ours(), current.theirs()); // RFC 4568 §7.1.4: keys unchanged
        }
        return new Agreement(profile, new Crypto(theirs.tag(), SrtpPolicy.random(theirs.policy().suite())),
                theirs.policy());
    }

    /** The far end's answer to our offer. */
    static Agreement accept(Offer ours, SdpMedia answer) throws Refused {
        String profile = profile(answer);
        if (!profile.equals(ours.profile())) {
            throw new Refused("the answer changes the profile from " + ours.profile() + " to " + profile);
        }
        List<Crypto> answered = answer.crypto().stream().map(SdpCrypto::parse).flatMap(Optional::stream).toList();
        if (ours.mode() == Srtp.OFF) {
            if (!answer.crypto().isEmpty()) {
                throw new Refused("the answer sets SRTP keys although none were offered");
            }
            return Agreement.plain(profile);
        }
        for (Crypto theirs : answered) {
            for (Crypto key : ours.keys()) {
                if (key.tag() == theirs.tag() && key.policy().suite() == theirs.policy().suite()) {
                    return new Agreement(profile, key, theirs.policy());
                }
            }
        }
        if (!answer.crypto().isEmpty()) {
            throw new Refused("the answer's crypto attribute matches no offered suite (" + suitesOf(answer) + ")");
        }
        if (ours.mode() == Srtp.REQUIRED) {
            throw new Refused("the answer has no SRTP key and sip.srtp is required");
        }
        return Agreement.plain(profile);
    }

    private static String profile(SdpMedia media) throws Refused {
        String profile = media.profile().toUpperCase(Locale.ROOT);
        if (!profile.equals(AVP) && !profile.equals(SAVP)) {
            throw new Refused("the transport profile " + media.profile() + " is not supported (RTP/AVP or RTP/SAVP)");
        }
        return profile;
    }

    private static String suitesOf(SdpMedia media) {
        List<String> suites = new ArrayList<>();
        for (String value : media.crypto()) {
            String[] parts = value.trim().split("\\s+");
            suites.add(parts.length > 1 ? parts[1] : "?");
        }
        return suites.isEmpty() ? "none" : String.join(", ", suites);
    }

    /**
     * One {@code a=crypto} value (RFC 4568 §9.1: {@code tag SP suite SP inline:key[|lifetime][|MKI:length]
     * [SP session-params]}), when the terminal can use it: a known suite, one key of the right length, no MKI and no
     * session parameters (which RFC 4568 §6.3 says must be understood, or the line not used).
     */
    static Optional<Crypto> parse(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 3 || !parts[0].matches("\\d{1,9}")) {
            return Optional.empty();
        }
        Optional<SrtpSuite> suite = SrtpSuite.bySdesName(parts[1]);
        String keyParams = parts[2];
        if (suite.isEmpty() || !keyParams.regionMatches(true, 0, "inline:", 0, 7) || keyParams.contains(";")) {
            return Optional.empty();
        }
        String[] keyInfo = keyParams.substring(7).split("\\|");
        if (keyInfo.length > 2 || (keyInfo.length == 2 && keyInfo[1].contains(":"))) {
            return Optional.empty(); // an MKI: not supported
        }
        try {
            byte[] keyAndSalt = Base64.getDecoder().decode(keyInfo[0]);
            return Optional.of(new Crypto(Integer.parseInt(parts[0]), SrtpPolicy.of(suite.get(), keyAndSalt)));
        } catch (IllegalArgumentException badKey) {
            return Optional.empty();
        }
    }
}
