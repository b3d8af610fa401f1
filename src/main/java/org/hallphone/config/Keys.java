package org.hallphone.config;

import static org.hallphone.config.ConfigDefaults.AUDIO_BUSY_CADENCE_MS;
import static org.hallphone.config.ConfigDefaults.AUDIO_CAPTURE_GAIN_DB;
import static org.hallphone.config.ConfigDefaults.AUDIO_JITTER_MAX_MS;
import static org.hallphone.config.ConfigDefaults.AUDIO_JITTER_MIN_MS;
import static org.hallphone.config.ConfigDefaults.AUDIO_PLAYBACK_GAIN_DB;
import static org.hallphone.config.ConfigDefaults.AUDIO_RINGBACK_CADENCE_MS;
import static org.hallphone.config.ConfigDefaults.AUDIO_TONE_FREQUENCY_HZ;
import static org.hallphone.config.ConfigDefaults.CALLLOG_DIR;
import static org.hallphone.config.ConfigDefaults.CALLLOG_RETENTION_DAYS;
import static org.hallphone.config.ConfigDefaults.CALL_CONFIRM_ANSWER;
import static org.hallphone.config.ConfigDefaults.CALL_CONFIRM_GRACE_S;
import static org.hallphone.config.ConfigDefaults.CALL_CYCLES;
import static org.hallphone.config.ConfigDefaults.CALL_MAX_DURATION_S;
import static org.hallphone.config.ConfigDefaults.CALL_MAX_DURATION_WARNING_S;
import static org.hallphone.config.ConfigDefaults.CALL_MAX_REDIRECTS;
import static org.hallphone.config.ConfigDefaults.CALL_RING_TIMEOUT_S;
import static org.hallphone.config.ConfigDefaults.HANDSET_BAUD;
import static org.hallphone.config.ConfigDefaults.HANDSET_DEBOUNCE_MS;
import static org.hallphone.config.ConfigDefaults.HANDSET_DIAL_DELAY_MS;
import static org.hallphone.config.ConfigDefaults.HANDSET_LEFT_OFFHOOK_ALARM_S;
import static org.hallphone.config.ConfigDefaults.HANDSET_LINES_OFFHOOK_LEVEL;
import static org.hallphone.config.ConfigDefaults.HANDSET_LINES_SIGNAL;
import static org.hallphone.config.ConfigDefaults.HANDSET_MODE;
import static org.hallphone.config.ConfigDefaults.HANDSET_POLL_MS;
import static org.hallphone.config.ConfigDefaults.HANDSET_TEXT_OFFHOOK;
import static org.hallphone.config.ConfigDefaults.HANDSET_TEXT_ONHOOK;
import static org.hallphone.config.ConfigDefaults.SIP_KEEPALIVE_METHOD;
import static org.hallphone.config.ConfigDefaults.SIP_KEEPALIVE_S;
import static org.hallphone.config.ConfigDefaults.SIP_LOCAL_PORT;
import static org.hallphone.config.ConfigDefaults.SIP_MAX_MESSAGE_BYTES;
import static org.hallphone.config.ConfigDefaults.SIP_REGISTER_EXPIRES_S;
import static org.hallphone.config.ConfigDefaults.SIP_RTP_PORT_MAX;
import static org.hallphone.config.ConfigDefaults.SIP_RTP_PORT_MIN;
import static org.hallphone.config.ConfigDefaults.SIP_RTP_TIMEOUT_S;
import static org.hallphone.config.ConfigDefaults.SIP_SEND_VERSION;
import static org.hallphone.config.ConfigDefaults.SIP_TRANSPORT;
import static org.hallphone.config.ConfigDefaults.UI_HEARING_LOOP_DEFAULT;
import static org.hallphone.config.ConfigDefaults.UI_HIDE_CURSOR;
import static org.hallphone.config.ConfigDefaults.UI_LANGUAGE;
import static org.hallphone.config.ConfigDefaults.UI_ORGANISATION;
import static org.hallphone.config.ConfigDefaults.UI_RATING;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every key of {@code kiosk.properties}, in the order of the annotated example file. */
final class Keys {

    private static final Pattern TERMINAL_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** RFC 4733 section 3.2 events 0-15: the digits, star, pound and A-D. */
    private static final Pattern DTMF_CONFIRM = Pattern.compile("dtmf:([0-9*#A-Da-d])", Pattern.CASE_INSENSITIVE);

    static final Key<String> TERMINAL_ID_KEY = required("terminal.id", Values.matching(TERMINAL_ID,
            "expected 1 to 63 of a-z, 0-9, '.', '_', '-', starting with a letter or digit, such as ivanovo-onco-hall1"),
            c -> c.terminal().id());
    static final Key<String> TERMINAL_NAME = required("terminal.name", Values.singleLine(Values.nonEmptyText()),
            c -> c.terminal().name());
    static final Key<String> TERMINAL_LOCATION = optionalText("terminal.location",
            Values.singleLine(Values.nonEmptyText()), c -> c.terminal().location());

    static final Key<String> HANDSET_PORT = required("handset.port", Values.nonEmptyText(), c -> c.handset().port());
    static final Key<HandsetConfig.HandsetMode> HANDSET_MODE_KEY = key("handset.mode", HANDSET_MODE,
            Values.enumeration(HandsetConfig.HandsetMode.class), Keys::lower, c -> c.handset().mode());
    static final Key<Integer> HANDSET_BAUD_KEY = key("handset.baud", HANDSET_BAUD, Values.integer(50, 4_000_000),
            c -> c.handset().baud());
    static final Key<String> HANDSET_TEXT_OFFHOOK_KEY = key("handset.text.offhook", HANDSET_TEXT_OFFHOOK,
            Values.singleLine(Values.nonEmptyText()), Function.identity(), c -> c.handset().textOffhook());
    static final Key<String> HANDSET_TEXT_ONHOOK_KEY = key("handset.text.onhook", HANDSET_TEXT_ONHOOK,
            Values.singleLine(Values.nonEmptyText()), Function.identity(), c -> c.handset().textOnhook());
    static final Key<HandsetConfig.LineSignal> HANDSET_LINES_SIGNAL_KEY = key("handset.lines.signal",
            HANDSET_LINES_SIGNAL, Values.enumeration(HandsetConfig.LineSignal.class), Keys::lower,
            c -> c.handset().linesSignal());
    static final Key<Boolean> HANDSET_LINES_OFFHOOK_LEVEL_KEY = key("handset.lines.offhook-level",
            HANDSET_LINES_OFFHOOK_LEVEL, Values.choice(List.of("high", "low"), "high"::equals),
            high -> high ? "high" : "low", c -> c.handset().offhookLevelHigh());
    static final Key<Duration> HANDSET_DEBOUNCE = millis("handset.debounce-ms", HANDSET_DEBOUNCE_MS, 0, 5_000,
            c -> c.handset().debounce());
    static final Key<Duration> HANDSET_DIAL_DELAY = millis("handset.dial-delay-ms", HANDSET_DIAL_DELAY_MS, 0, 10_000,
            c -> c.handset().dialDelay());
    static final Key<Duration> HANDSET_LEFT_OFFHOOK_ALARM = seconds("handset.left-offhook-alarm-s",
            HANDSET_LEFT_OFFHOOK_ALARM_S, 5, 3_600, c -> c.handset().leftOffhookAlarm());
    static final Key<Duration> HANDSET_POLL = millis("handset.poll-ms", HANDSET_POLL_MS, 10, 10_000,
            c -> c.handset().poll());

    static final Key<String> SIP_LOCAL_ADDRESS = optionalText("sip.local-address", Values.host(),
            c -> c.sip().localAddress());
    static final Key<Integer> SIP_LOCAL_PORT_KEY = key("sip.local-port", SIP_LOCAL_PORT, Values.integer(0, 65_535),
            c -> c.sip().localPort());
    static final Key<SipConfig.Transport> SIP_TRANSPORT_KEY = key("sip.transport", SIP_TRANSPORT,
            Values.enumeration(SipConfig.Transport.class), Keys::lower, c -> c.sip().transport());
    static final Key<String> SIP_REGISTRAR = optionalText("sip.registrar", Values.hostPort(false, 1),
            c -> c.sip().account().registrar());
    static final Key<String> SIP_PROXY = optionalText("sip.proxy", Values.hostPort(false, 1),
            c -> c.sip().account().proxy());
    static final Key<String> SIP_USER_KEY = optionalText("sip.user", Values.matching(Values.SIP_USER,
            "expected a SIP user name (letters, digits and - _ . ! ~ * ' ( ) & = + $ , ; ? /)"),
            c -> c.sip().account().user());
    static final Key<String> SIP_AUTH_USER = key("sip.auth-user", "", Values.singleLine(Values.text()), Function.identity(),
            c -> c.sip().account().authUser());
    static final Key<String> SIP_DOMAIN = optionalText("sip.domain", Values.host(), c -> c.sip().account().domain());
    static final Key<Secret> SIP_PASSWORD = secret("sip.password", c -> c.sip().account().password());
    static final Key<Path> SIP_PASSWORD_FILE = new Key<>("sip.password-file", "", Values.path(), Keys::path, null,
            false);
    static final Key<Duration> SIP_REGISTER_EXPIRES = seconds("sip.register-expires-s", SIP_REGISTER_EXPIRES_S, 30,
            86_400, c -> c.sip().account().registerExpiry());
    static final Key<Duration> SIP_KEEPALIVE = seconds("sip.keepalive-s", SIP_KEEPALIVE_S, 0, 3_600,
            c -> c.sip().keepAlive().period());
    static final Key<SipConfig.KeepAliveMethod> SIP_KEEPALIVE_METHOD_KEY = key("sip.keepalive-method",
            SIP_KEEPALIVE_METHOD, Values.enumeration(SipConfig.KeepAliveMethod.class), Keys::lower,
            c -> c.sip().keepAlive().method());
    static final Key<List<String>> SIP_ALLOW_INCOMING_FROM = key("sip.allow-incoming-from", "",
            Values.list(Values.host()), Keys::joined, c -> c.sip().incoming().allowFrom());
    static final Key<List<String>> SIP_MEDIA_ALLOW = key("sip.media-allow", "", Values.list(Values.cidr()),
            Keys::joined, c -> c.sip().rtp().mediaAllow());
    static final Key<Boolean> SIP_SEND_VERSION_KEY = key("sip.send-version", SIP_SEND_VERSION, Values.bool(),
            c -> c.sip().account().sendVersion());
    static final Key<Integer> SIP_MAX_MESSAGE_BYTES_KEY = key("sip.max-message-bytes", SIP_MAX_MESSAGE_BYTES,
            Values.integer(1_500, 1_048_576), c -> c.sip().incoming().maxMessageBytes());
    static final Key<Path> SIP_TLS_TRUST_STORE = path("sip.tls.trust-store", "", c -> c.sip().tls().trustStore());
    static final Key<Secret> SIP_TLS_TRUST_STORE_PASSWORD = secret("sip.tls.trust-store-password",
            c -> c.sip().tls().trustStorePassword());
    static final Key<Path> SIP_TLS_KEY_STORE = path("sip.tls.key-store", "", c -> c.sip().tls().keyStore());
    static final Key<Secret> SIP_TLS_KEY_STORE_PASSWORD = secret("sip.tls.key-store-password",
            c -> c.sip().tls().keyStorePassword());
    static final Key<SipConfig.Srtp> SIP_SRTP = key("sip.srtp", "auto",
            Values.choice(List.of("auto", "off", "optional", "required"),
                    word -> word.equals("auto") ? null : SipConfig.Srtp.valueOf(word.toUpperCase(Locale.ROOT))),
            mode -> mode == null ? "auto" : lower(mode), c -> c.sip().rtp().srtp());
    static final Key<Integer> SIP_RTP_PORT_MIN_KEY = key("sip.rtp-port-min", SIP_RTP_PORT_MIN,
            Values.integer(1_024, 65_535), c -> c.sip().rtp().portMin());
    static final Key<Integer> SIP_RTP_PORT_MAX_KEY = key("sip.rtp-port-max", SIP_RTP_PORT_MAX,
            Values.integer(1_024, 65_535), c -> c.sip().rtp().portMax());
    static final Key<String> SIP_REALM = key("sip.realm", "", Values.singleLine(Values.text()), Function.identity(),
            c -> c.sip().account().realm());
    static final Key<Duration> SIP_RTP_TIMEOUT = seconds("sip.rtp-timeout-s", SIP_RTP_TIMEOUT_S, 5, 3_600,
            c -> c.sip().rtp().inactivity());

    static final Key<List<String>> CALL_TARGETS = new Key<>("call.targets", null, Values.nonEmptyList(Values.sipUri()),
            Keys::joined, c -> c.call().targets(), false);
    static final Key<Duration> CALL_RING_TIMEOUT = seconds("call.ring-timeout-s", CALL_RING_TIMEOUT_S, 5, 600,
            c -> c.call().ringTimeout());
    static final Key<Integer> CALL_CYCLES_KEY = key("call.cycles", CALL_CYCLES, Values.integer(1, 10),
            c -> c.call().cycles());
    static final Key<Duration> CALL_MAX_DURATION = seconds("call.max-duration-s", CALL_MAX_DURATION_S, 60, 86_400,
            c -> c.call().maxDuration());
    static final Key<Duration> CALL_MAX_DURATION_WARNING = seconds("call.max-duration-warning-s",
            CALL_MAX_DURATION_WARNING_S, 0, 3_600, c -> c.call().maxDurationWarning());
    static final Key<OfficeHours> CALL_HOURS = key("call.hours", "", OfficeHoursFormat.parser(),
            OfficeHoursFormat::format, c -> c.call().hours());
    static final Key<List<String>> CALL_AFTER_HOURS_TARGETS = key("call.after-hours-targets", "",
            Values.list(Values.sipUri()), Keys::joined, c -> c.call().afterHoursTargets());
    static final Key<List<LocalDate>> CALL_HOLIDAYS = key("call.holidays", "", Values.list(Values.date()),
            Keys::joined, c -> c.call().holidays());
    static final Key<Character> CALL_CONFIRM_ANSWER_KEY = key("call.confirm-answer", CALL_CONFIRM_ANSWER,
            Keys.confirmAnswer(), digit -> digit == '\0' ? "none" : "dtmf:" + digit,
            c -> c.call().confirmAnswerDigit());
    static final Key<Duration> CALL_CONFIRM_GRACE = seconds("call.confirm-grace-s", CALL_CONFIRM_GRACE_S, 1, 120,
            c -> c.call().confirmGrace());
    static final Key<Integer> CALL_MAX_REDIRECTS_KEY = key("call.max-redirects", CALL_MAX_REDIRECTS,
            Values.integer(0, 10), c -> c.call().maxRedirects());
    static final Key<List<String>> CALL_REDIRECT_DOMAINS = key("call.redirect-domains", "",
            Values.list(Values.host()), Keys::joined, c -> c.call().redirectDomains());

    static final Key<String> AUDIO_PLAYBACK_DEVICE = key("audio.playback-device", "", Values.text(),
            Function.identity(), c -> c.audio().playbackDevice());
    static final Key<String> AUDIO_CAPTURE_DEVICE = key("audio.capture-device", "", Values.text(),
            Function.identity(), c -> c.audio().captureDevice());
    static final Key<Double> AUDIO_PLAYBACK_GAIN = key("audio.playback-gain-db", AUDIO_PLAYBACK_GAIN_DB,
            Values.decimal(-40, 20), Values::formatDecimal, c -> c.audio().playbackGainDb());
    static final Key<Double> AUDIO_CAPTURE_GAIN = key("audio.capture-gain-db", AUDIO_CAPTURE_GAIN_DB,
            Values.decimal(-40, 20), Values::formatDecimal, c -> c.audio().captureGainDb());
    static final Key<Integer> AUDIO_TONE_FREQUENCY = key("audio.tone-frequency-hz", AUDIO_TONE_FREQUENCY_HZ,
            Values.integer(300, 3_400), c -> c.audio().toneFrequencyHz());
    static final Key<List<Duration>> AUDIO_RINGBACK_CADENCE = key("audio.ringback-cadence-ms",
            AUDIO_RINGBACK_CADENCE_MS, Values.cadence(), Keys::cadence, c -> c.audio().ringbackCadence());
    static final Key<List<Duration>> AUDIO_BUSY_CADENCE = key("audio.busy-cadence-ms", AUDIO_BUSY_CADENCE_MS,
            Values.cadence(), Keys::cadence, c -> c.audio().busyCadence());
    static final Key<Path> AUDIO_PROMPTS_DIR = path("audio.prompts-dir", "", c -> c.audio().promptsDir());
    static final Key<Duration> AUDIO_JITTER_MIN = millis("audio.jitter-min-ms", AUDIO_JITTER_MIN_MS, 0, 1_000,
            c -> c.audio().jitterMin());
    static final Key<Duration> AUDIO_JITTER_MAX = millis("audio.jitter-max-ms", AUDIO_JITTER_MAX_MS, 20, 2_000,
            c -> c.audio().jitterMax());
    static final Key<String> AUDIO_RING_DEVICE = key("audio.ring-device", "", Values.text(),
            Function.identity(), c -> c.audio().ringDevice());
    static final Key<Double> AUDIO_RING_GAIN = key("audio.ring-gain-db", 0.0,
            Values.decimal(-40, 20), Values::formatDecimal, c -> c.audio().ringGainDb());
    static final Key<Boolean> AUDIO_RING_LEFT_LIFTED = key("audio.ring-left-lifted", false, Values.bool(),
            c -> c.audio().ringLeftLifted());

    static final Key<Path> CALLLOG_DIR_KEY = path("calllog.dir", CALLLOG_DIR, c -> c.calllog().dir());
    static final Key<Integer> CALLLOG_RETENTION = key("calllog.retention-days", CALLLOG_RETENTION_DAYS,
            Values.integer(0, 36_500), c -> c.calllog().retentionDays());

    static final Key<String> HEALTH_LISTEN = optionalText("health.listen", Values.hostPort(true, 0),
            c -> c.health().listen());

    static final Key<Locale> UI_LANGUAGE_KEY = key("ui.language", UI_LANGUAGE,
            Values.choice(List.of("ru", "en"), Locale::forLanguageTag), Locale::getLanguage,
            c -> c.ui().language());
    static final Key<String> UI_ORGANISATION_KEY = key("ui.organisation", UI_ORGANISATION, Values.nonEmptyText(),
            Function.identity(), c -> c.ui().organisation());
    static final Key<String> UI_HOTLINE = key("ui.hotline", "", Values.text(), Function.identity(),
            c -> c.ui().hotline());
    static final Key<String> UI_OFFICE_ADDRESS = key("ui.office-address", "", Values.text(), Function.identity(),
            c -> c.ui().officeAddress());
    static final Key<String> UI_OFFICE_HOURS = key("ui.office-hours", "", Values.text(), Function.identity(),
            c -> c.ui().officeHours());
    static final Key<Boolean> UI_HIDE_CURSOR_KEY = key("ui.hide-cursor", UI_HIDE_CURSOR, Values.bool(),
            c -> c.ui().hideCursor());
    static final Key<Secret> UI_SERVICE_PIN_HASH = new Key<>("ui.service-pin-hash", "", PinHash.parser(),
            Secret::value, c -> c.ui().servicePinHash(), true);
    static final Key<Boolean> UI_RATING_KEY = key("ui.rating", UI_RATING, Values.bool(), c -> c.ui().rating());
    static final Key<String> UI_ORGANISATION_EN = key("ui.organisation-en", "", Values.text(), Function.identity(),
            c -> c.ui().organisationEn());
    static final Key<String> UI_OFFICE_ADDRESS_EN = key("ui.office-address-en", "", Values.text(),
            Function.identity(), c -> c.ui().officeAddressEn());
    static final Key<String> UI_OFFICE_HOURS_EN = key("ui.office-hours-en", "", Values.text(), Function.identity(),
            c -> c.ui().officeHoursEn());
    static final Key<Boolean> UI_HEARING_LOOP = key("ui.hearing-loop", UI_HEARING_LOOP_DEFAULT, Values.bool(),
            c -> c.ui().hearingLoop());
    static final Key<String> UI_TEXT_ROUTE = key("ui.text-route", "", Values.text(), Function.identity(),
            c -> c.ui().textRoute());
    static final Key<Path> UI_TEXT_ROUTE_QR = path("ui.text-route-qr", "", c -> c.ui().textRouteQr());
    static final Key<Path> UI_TEXTS_DIR = path("ui.texts-dir", "", c -> c.ui().textsDir());

    static final Key<java.net.URI> PROVISIONING_URL = key("provisioning.url", "", provisioningUrl(),
            u -> u == null ? "" : u.toString(), c -> c.provisioning().url());
    static final Key<Duration> PROVISIONING_INTERVAL = seconds("provisioning.interval-s",
            ConfigDefaults.PROVISIONING_INTERVAL_S, 60, 7 * 24 * 3600, c -> c.provisioning().interval());
    static final Key<Path> PROVISIONING_CACHE_DIR = path("provisioning.cache-dir",
            ConfigDefaults.PROVISIONING_CACHE_DIR, c -> c.provisioning().cacheDir());
    static final Key<List<String>> PROVISIONING_PIN = key("provisioning.pin", "", Values.list(knownKey()),
            Keys::joined, c -> c.provisioning().pinned());
    static final Key<Path> PROVISIONING_CA_FILE = path("provisioning.ca-file", "", c -> c.provisioning().caFile());
    static final Key<Path> PROVISIONING_CLIENT_CERT = path("provisioning.client-cert", "",
            c -> c.provisioning().clientCert());
    static final Key<Secret> PROVISIONING_CLIENT_CERT_PASSWORD = secret("provisioning.client-cert-password",
            c -> c.provisioning().clientCertPassword());

    /** All keys in the order of the example file; {@link ConfigPrinter} prints them in this order. */
    static final List<Key<?>> ALL = List.of(
            TERMINAL_ID_KEY, TERMINAL_NAME, TERMINAL_LOCATION,
            HANDSET_PORT, HANDSET_MODE_KEY, HANDSET_BAUD_KEY, HANDSET_TEXT_OFFHOOK_KEY, HANDSET_TEXT_ONHOOK_KEY,
            HANDSET_LINES_SIGNAL_KEY, HANDSET_LINES_OFFHOOK_LEVEL_KEY, HANDSET_DEBOUNCE, HANDSET_DIAL_DELAY,
            HANDSET_LEFT_OFFHOOK_ALARM, HANDSET_POLL,
            SIP_LOCAL_ADDRESS, SIP_LOCAL_PORT_KEY, SIP_TRANSPORT_KEY, SIP_REGISTRAR, SIP_PROXY, SIP_USER_KEY,
            SIP_AUTH_USER, SIP_DOMAIN, SIP_REALM, SIP_PASSWORD, SIP_PASSWORD_FILE, SIP_REGISTER_EXPIRES, SIP_KEEPALIVE,
            SIP_KEEPALIVE_METHOD_KEY, SIP_ALLOW_INCOMING_FROM, SIP_MEDIA_ALLOW, SIP_SEND_VERSION_KEY,
            SIP_MAX_MESSAGE_BYTES_KEY, SIP_TLS_TRUST_STORE,
            SIP_TLS_TRUST_STORE_PASSWORD, SIP_TLS_KEY_STORE, SIP_TLS_KEY_STORE_PASSWORD, SIP_SRTP, SIP_RTP_PORT_MIN_KEY,
            SIP_RTP_PORT_MAX_KEY, SIP_RTP_TIMEOUT,
            CALL_TARGETS, CALL_RING_TIMEOUT, CALL_CYCLES_KEY, CALL_MAX_DURATION, CALL_MAX_DURATION_WARNING,
            CALL_HOURS, CALL_AFTER_HOURS_TARGETS, CALL_HOLIDAYS, CALL_CONFIRM_ANSWER_KEY, CALL_CONFIRM_GRACE,
            CALL_MAX_REDIRECTS_KEY, CALL_REDIRECT_DOMAINS,
            AUDIO_PLAYBACK_DEVICE, AUDIO_CAPTURE_DEVICE, AUDIO_PLAYBACK_GAIN, AUDIO_CAPTURE_GAIN,
            AUDIO_TONE_FREQUENCY, AUDIO_RINGBACK_CADENCE, AUDIO_BUSY_CADENCE, AUDIO_PROMPTS_DIR, AUDIO_JITTER_MIN,
            AUDIO_JITTER_MAX,
            AUDIO_RING_DEVICE,
            AUDIO_RING_GAIN,
            AUDIO_RING_LEFT_LIFTED,
            CALLLOG_DIR_KEY, CALLLOG_RETENTION,
            HEALTH_LISTEN,
            UI_LANGUAGE_KEY, UI_ORGANISATION_KEY, UI_HOTLINE, UI_OFFICE_ADDRESS, UI_OFFICE_HOURS, UI_HIDE_CURSOR_KEY,
            UI_SERVICE_PIN_HASH, UI_RATING_KEY, UI_ORGANISATION_EN, UI_OFFICE_ADDRESS_EN, UI_OFFICE_HOURS_EN,
            UI_HEARING_LOOP, UI_TEXT_ROUTE, UI_TEXT_ROUTE_QR, UI_TEXTS_DIR,
            PROVISIONING_URL, PROVISIONING_INTERVAL, PROVISIONING_CACHE_DIR, PROVISIONING_PIN, PROVISIONING_CA_FILE,
            PROVISIONING_CLIENT_CERT, PROVISIONING_CLIENT_CERT_PASSWORD);

    /** Keys only the local file may set: who the terminal is, and where its central files come from. */
    static boolean localOnly(String name) {
        return name.equals(TERMINAL_ID_KEY.name()) || name.startsWith("provisioning.");
    }

    static final Map<String, Key<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Key::name, Function.identity()));

    private Keys() {
    }

    private static <T> Key<T> key(String name, Object defaultValue, ValueParser<T> parser, Function<T, String> format,
            Function<KioskConfig, T> read) {
        String defaultText = defaultValue instanceof Double decimal ? Values.formatDecimal(decimal)
                : String.valueOf(defaultValue);
        return new Key<>(name, defaultText, parser, format, read, false);
    }

    private static <T> Key<T> key(String name, Object defaultValue, ValueParser<T> parser,
            Function<KioskConfig, T> read) {
        return key(name, defaultValue, parser, String::valueOf, read);
    }

    private static <T> Key<T> required(String name, ValueParser<T> parser, Function<KioskConfig, T> read) {
        return new Key<>(name, null, parser, String::valueOf, read, false);
    }

    /** A text key whose empty value means "not set" and skips the check. */
    private static Key<String> optionalText(String name, ValueParser<String> parser,
            Function<KioskConfig, String> read) {
        ValueParser<String> optional = (text, base) -> text.isEmpty() ? "" : parser.parse(text, base);
        return key(name, "", optional, Function.identity(), read);
    }

    private static Key<Duration> seconds(String name, int defaultSeconds, int min, int max,
            Function<KioskConfig, Duration> read) {
        return key(name, defaultSeconds, Values.seconds(min, max), d -> String.valueOf(d.toSeconds()), read);
    }

    private static Key<Duration> millis(String name, int defaultMillis, int min, int max,
            Function<KioskConfig, Duration> read) {
        return key(name, defaultMillis, Values.millis(min, max), d -> String.valueOf(d.toMillis()), read);
    }

    private static Key<Path> path(String name, String defaultText, Function<KioskConfig, Path> read) {
        return key(name, defaultText, Values.path(), Keys::path, read);
    }

    private static Key<Secret> secret(String name, Function<KioskConfig, Secret> read) {
        return new Key<>(name, "", (text, base) -> text.isEmpty() ? Secret.NONE : new Secret(text), Secret::value,
                read, true);
    }

    /** An http or https URL of a folder; a missing final slash is added. */
    private static ValueParser<java.net.URI> provisioningUrl() {
        return (text, base) -> {
            if (text.isEmpty()) {
                return null;
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(text.endsWith("/") ? text : text + "/");
            } catch (java.net.URISyntaxException e) {
                throw new InvalidValueException("not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new InvalidValueException("expected an https:// (or http:// on a trusted network) URL of a "
                        + "folder, such as https://prov.example/hallphone/, got " + Values.quote(text));
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw new InvalidValueException("the URL of a folder takes no ?query or #fragment");
            }
            return uri;
        };
    }

    /** The name of a configuration key (for provisioning.pin). */
    private static ValueParser<String> knownKey() {
        return (text, base) -> {
            if (!BY_NAME.containsKey(text)) {
                String suggestion = KeySuggestion.closest(text, BY_NAME.keySet());
                throw new InvalidValueException("unknown key " + Values.quote(text)
                        + (suggestion == null ? "" : "; did you mean " + suggestion + "?"));
            }
            return text;
        };
    }

    private static ValueParser<Character> confirmAnswer() {
        return (text, base) -> {
            if (text.equalsIgnoreCase("none")) {
                return '\0';
            }
            var matcher = DTMF_CONFIRM.matcher(text);
            if (!matcher.matches()) {
                throw new InvalidValueException("expected none or dtmf:D with D one of 0-9, *, #, A-D, got "
                        + Values.quote(text));
            }
            return Character.toUpperCase(matcher.group(1).charAt(0));
        };
    }

    private static String lower(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static String path(Path path) {
        return path == null ? "" : path.toString();
    }

    private static String joined(List<?> items) {
        return items.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String cadence(List<Duration> cadence) {
        return cadence.stream().map(d -> String.valueOf(d.toMillis())).collect(Collectors.joining(","));
    }
}
