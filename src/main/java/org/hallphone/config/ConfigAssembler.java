package org.hallphone.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks every key of one configuration and builds the record tree. It never stops at the first problem: every
 * unknown, duplicate, missing or bad key is collected, and only then is a {@link ConfigException} thrown.
 */
final class ConfigAssembler {

    static final String OVERRIDE = "<override>";

    /** Where a key's text came from: the file with its line, or an override (line 0). */
    private record Setting(String value, String origin, int line) {
    }

    private final String source;
    private final Path sourcePath;
    private final Path baseDir;
    private final Map<String, Setting> settings = new HashMap<>();
    private final Map<Key<?>, Object> values = new HashMap<>();
    private final List<ConfigError> errors = new ArrayList<>();
    /** Keys on lines that could not be read: already reported, so not reported again as missing. */
    private final Set<String> unreadable = new HashSet<>();
    /** The files in the order they were laid over each other, for messages in reading order. */
    private final List<String> layerOrder = new ArrayList<>();

    /**
     * @param source     the file as named in messages
     * @param sourcePath the file, for {@link KioskConfig#source()}
     * @param baseDir    the folder relative paths are resolved against
     */
    ConfigAssembler(String source, Path sourcePath, Path baseDir) {
        this.source = source;
        this.sourcePath = sourcePath;
        this.baseDir = baseDir;
    }

    /** A central file laid over the local one: its name in messages and its parsed text. */
    record Layer(String source, PropertiesParser.Result parsed) {
    }

    KioskConfig assemble(PropertiesParser.Result parsed, Map<String, String> overrides) throws ConfigException {
        return assemble(parsed, List.of(), overrides);
    }

    /**
     * Checks the local file, then lays the central files over it in order (a later one wins), then the overrides.
     * Central files may not set {@link Keys#localOnly} keys, and do not change the keys the local file pins
     * ({@code provisioning.pin}); each problem names the file it is in.
     */
    KioskConfig assemble(PropertiesParser.Result parsed, List<Layer> central, Map<String, String> overrides)
            throws ConfigException {
        addLayer(source, parsed, false, Set.of());
        Set<String> pinned = new HashSet<>();
        Setting pin = settings.get(Keys.PROVISIONING_PIN.name());
        if (pin != null) {
            for (String name : pin.value().split(",")) {
                pinned.add(name.strip());
            }
        }
        for (Layer layer : central) {
            addLayer(layer.source(), layer.parsed(), true, pinned);
        }
        for (Map.Entry<String, String> override : new TreeMap<>(overrides).entrySet()) {
            String name = override.getKey();
            if (!Keys.BY_NAME.containsKey(name)) {
                errors.add(new ConfigError(OVERRIDE, 0, name, unknownKey(name)));
            } else {
                settings.put(name, new Setting(override.getValue().strip(), OVERRIDE, 0));
            }
        }
        for (Key<?> key : Keys.ALL) {
            parse(key);
        }
        crossCheck();
        if (!errors.isEmpty()) {
            throw new ConfigException(inReadingOrder(errors));
        }
        return build();
    }

    private void addLayer(String origin, PropertiesParser.Result parsed, boolean central, Set<String> pinned) {
        layerOrder.add(origin);
        for (PropertiesParser.Problem problem : parsed.problems()) {
            errors.add(new ConfigError(origin, problem.line(), problem.key(), problem.message()));
            unreadable.add(problem.key());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (PropertiesParser.Property property : parsed.properties()) {
            String name = property.key();
            Integer earlier = seen.putIfAbsent(name, property.line());
            if (name.isEmpty()) {
                errors.add(new ConfigError(origin, property.line(), "", "a value without a key"));
            } else if (!Keys.BY_NAME.containsKey(name)) {
                errors.add(new ConfigError(origin, property.line(), name, unknownKey(name)));
            } else if (earlier != null) {
                errors.add(new ConfigError(origin, property.line(), name, "set twice (first on line "
                        + earlier + "); keep one"));
            } else if (central && Keys.localOnly(name)) {
                errors.add(new ConfigError(origin, property.line(), name,
                        "may only be set in the terminal's local file"));
            } else if (!central || !pinned.contains(name)) {
                settings.put(name, new Setting(property.value(), origin, property.line()));
            }
        }
    }

    private void parse(Key<?> key) {
        Setting setting = settings.get(key.name());
        if (setting == null) {
            if (key.required()) {
                if (!unreadable.contains(key.name())) {
                    errors.add(new ConfigError(source, 0, key.name(), "missing"));
                }
                return;
            }
            try {
                values.put(key, key.parser().parse(key.defaultText(), baseDir));
            } catch (InvalidValueException e) {
                throw new IllegalStateException("default of " + key.name() + " is invalid: " + e.getMessage(), e);
            }
            return;
        }
        // A relative path typed on the command line means the working directory, not the file's folder.
        Path base = OVERRIDE.equals(setting.origin()) ? Path.of("").toAbsolutePath() : baseDir;
        try {
            values.put(key, key.parser().parse(setting.value(), base));
        } catch (InvalidValueException e) {
            String message = e.getMessage();
            if (setting.value().isEmpty() && !key.required()) {
                message = "no value; write one or delete the line to use the default (" + key.defaultText() + ")";
            }
            errorAt(key, message);
        }
    }

    /** Rules between keys; a rule is skipped when one of its keys already failed (missing or bad). */
    private void crossCheck() {
        if (has(Keys.HANDSET_TEXT_ONHOOK_KEY, Keys.HANDSET_TEXT_OFFHOOK_KEY)
                && value(Keys.HANDSET_TEXT_ONHOOK_KEY).equalsIgnoreCase(value(Keys.HANDSET_TEXT_OFFHOOK_KEY))) {
            errorAtEither(Keys.HANDSET_TEXT_ONHOOK_KEY, Keys.HANDSET_TEXT_OFFHOOK_KEY,
                    "handset.text.onhook and handset.text.offhook must differ");
        }
        if (has(Keys.SIP_RTP_PORT_MIN_KEY) && value(Keys.SIP_RTP_PORT_MIN_KEY) % 2 != 0) {
            // RFC 3550 section 11: RTP takes an even port and RTCP the odd one above it.
            errorAt(Keys.SIP_RTP_PORT_MIN_KEY, "must be even (RTP uses even ports), got "
                    + value(Keys.SIP_RTP_PORT_MIN_KEY));
        }
        if (has(Keys.SIP_RTP_PORT_MIN_KEY, Keys.SIP_RTP_PORT_MAX_KEY)
                && value(Keys.SIP_RTP_PORT_MIN_KEY) >= value(Keys.SIP_RTP_PORT_MAX_KEY)) {
            errorAtEither(Keys.SIP_RTP_PORT_MAX_KEY, Keys.SIP_RTP_PORT_MIN_KEY, "sip.rtp-port-min ("
                    + value(Keys.SIP_RTP_PORT_MIN_KEY) + ") must be less than sip.rtp-port-max ("
                    + value(Keys.SIP_RTP_PORT_MAX_KEY) + ")");
        }
        if (has(Keys.AUDIO_JITTER_MIN, Keys.AUDIO_JITTER_MAX)
                && value(Keys.AUDIO_JITTER_MIN).compareTo(value(Keys.AUDIO_JITTER_MAX)) > 0) {
            errorAtEither(Keys.AUDIO_JITTER_MAX, Keys.AUDIO_JITTER_MIN, "audio.jitter-min-ms ("
                    + value(Keys.AUDIO_JITTER_MIN).toMillis() + ") must not exceed audio.jitter-max-ms ("
                    + value(Keys.AUDIO_JITTER_MAX).toMillis() + ")");
        }
        Duration maxDuration = value(Keys.CALL_MAX_DURATION);
        Duration warning = value(Keys.CALL_MAX_DURATION_WARNING);
        if (has(Keys.CALL_MAX_DURATION, Keys.CALL_MAX_DURATION_WARNING) && warning.compareTo(maxDuration) >= 0) {
            errorAtEither(Keys.CALL_MAX_DURATION_WARNING, Keys.CALL_MAX_DURATION, "call.max-duration-warning-s ("
                    + warning.toSeconds() + ") must be less than call.max-duration-s (" + maxDuration.toSeconds()
                    + ")");
        }
        checkReadableFile(Keys.SIP_TLS_TRUST_STORE);
        checkReadableFile(Keys.SIP_TLS_KEY_STORE);
        Path prompts = value(Keys.AUDIO_PROMPTS_DIR);
        if (prompts != null && !Files.isDirectory(prompts)) {
            errorAt(Keys.AUDIO_PROMPTS_DIR, "no such folder: " + prompts);
        }
        Path passwordFile = value(Keys.SIP_PASSWORD_FILE);
        if (passwordFile != null && has(Keys.SIP_PASSWORD)) {
            if (!value(Keys.SIP_PASSWORD).isEmpty()) {
                errorAtEither(Keys.SIP_PASSWORD_FILE, Keys.SIP_PASSWORD,
                        "set either sip.password or sip.password-file, not both");
            } else {
                readPasswordFile(passwordFile);
            }
        }
    }

    private void readPasswordFile(Path file) {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            errorAt(Keys.SIP_PASSWORD_FILE, "cannot read " + file + ": not UTF-8 text");
            return;
        } catch (IOException e) {
            errorAt(Keys.SIP_PASSWORD_FILE, "cannot read " + file + ": " + reason(e));
            return;
        }
        // An editor adds a final newline; the password never ends with one.
        String password = content.replaceAll("[\r\n]+$", "");
        if (password.isEmpty()) {
            errorAt(Keys.SIP_PASSWORD_FILE, "the file " + file + " is empty");
            return;
        }
        values.put(Keys.SIP_PASSWORD, new Secret(password));
    }

    private void checkReadableFile(Key<Path> key) {
        Path file = value(key);
        if (file == null) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            errorAt(key, "cannot read " + file + ": no such file");
        } else if (!Files.isReadable(file)) {
            errorAt(key, "cannot read " + file + ": permission denied");
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private SipConfig sip() {
        return new SipConfig(value(Keys.SIP_LOCAL_ADDRESS), value(Keys.SIP_LOCAL_PORT_KEY),
                value(Keys.SIP_TRANSPORT_KEY),
                new SipConfig.Account(value(Keys.SIP_REGISTRAR), value(Keys.SIP_PROXY), value(Keys.SIP_USER_KEY),
                        value(Keys.SIP_AUTH_USER), value(Keys.SIP_DOMAIN), value(Keys.SIP_PASSWORD),
                        value(Keys.SIP_REALM), value(Keys.SIP_REGISTER_EXPIRES), value(Keys.SIP_SEND_VERSION_KEY)),
                new SipConfig.KeepAlive(value(Keys.SIP_KEEPALIVE), value(Keys.SIP_KEEPALIVE_METHOD_KEY)),
                new SipConfig.Incoming(value(Keys.SIP_ALLOW_INCOMING_FROM), value(Keys.SIP_MAX_MESSAGE_BYTES_KEY)),
                new SipConfig.Tls(value(Keys.SIP_TLS_TRUST_STORE), value(Keys.SIP_TLS_TRUST_STORE_PASSWORD),
                        value(Keys.SIP_TLS_KEY_STORE), value(Keys.SIP_TLS_KEY_STORE_PASSWORD)),
                new SipConfig.Rtp(value(Keys.SIP_RTP_PORT_MIN_KEY), value(Keys.SIP_RTP_PORT_MAX_KEY),
                        value(Keys.SIP_RTP_TIMEOUT), value(Keys.SIP_SRTP), value(Keys.SIP_MEDIA_ALLOW)));
    }

    private KioskConfig build() {
        return new KioskConfig(
                sourcePath,
                new TerminalConfig(value(Keys.TERMINAL_ID_KEY), value(Keys.TERMINAL_NAME), value(Keys.TERMINAL_LOCATION)),
                new HandsetConfig(value(Keys.HANDSET_PORT), value(Keys.HANDSET_MODE_KEY), value(Keys.HANDSET_BAUD_KEY),
                        value(Keys.HANDSET_TEXT_OFFHOOK_KEY), value(Keys.HANDSET_TEXT_ONHOOK_KEY),
                        value(Keys.HANDSET_LINES_SIGNAL_KEY), value(Keys.HANDSET_LINES_OFFHOOK_LEVEL_KEY),
                        value(Keys.HANDSET_DEBOUNCE), value(Keys.HANDSET_DIAL_DELAY),
                        value(Keys.HANDSET_LEFT_OFFHOOK_ALARM), value(Keys.HANDSET_POLL)),
                sip(),
                new CallConfig(value(Keys.CALL_TARGETS), value(Keys.CALL_RING_TIMEOUT), value(Keys.CALL_CYCLES_KEY),
                        value(Keys.CALL_MAX_DURATION), value(Keys.CALL_MAX_DURATION_WARNING), value(Keys.CALL_HOURS),
                        value(Keys.CALL_AFTER_HOURS_TARGETS), value(Keys.CALL_HOLIDAYS),
                        value(Keys.CALL_CONFIRM_ANSWER_KEY), value(Keys.CALL_CONFIRM_GRACE),
                        value(Keys.CALL_MAX_REDIRECTS_KEY), value(Keys.CALL_REDIRECT_DOMAINS)),
                new AudioConfig(value(Keys.AUDIO_PLAYBACK_DEVICE), value(Keys.AUDIO_CAPTURE_DEVICE),
                        value(Keys.AUDIO_PLAYBACK_GAIN), value(Keys.AUDIO_CAPTURE_GAIN),
                        value(Keys.AUDIO_TONE_FREQUENCY), value(Keys.AUDIO_RINGBACK_CADENCE),
                        value(Keys.AUDIO_BUSY_CADENCE), value(Keys.AUDIO_PROMPTS_DIR), value(Keys.AUDIO_JITTER_MIN),
                        value(Keys.AUDIO_JITTER_MAX), value(Keys.AUDIO_RING_DEVICE), value(Keys.AUDIO_RING_GAIN),
                        value(Keys.AUDIO_RING_LEFT_LIFTED)),
                new CallLogConfig(value(Keys.CALLLOG_DIR_KEY), value(Keys.CALLLOG_RETENTION)),
                new HealthConfig(value(Keys.HEALTH_LISTEN)),
                new UiConfig(value(Keys.UI_LANGUAGE_KEY), value(Keys.UI_ORGANISATION_KEY), value(Keys.UI_HOTLINE),
                        value(Keys.UI_OFFICE_ADDRESS), value(Keys.UI_OFFICE_HOURS), value(Keys.UI_HIDE_CURSOR_KEY),
                        value(Keys.UI_SERVICE_PIN_HASH), value(Keys.UI_RATING_KEY), value(Keys.UI_ORGANISATION_EN),
                        value(Keys.UI_OFFICE_ADDRESS_EN), value(Keys.UI_OFFICE_HOURS_EN), value(Keys.UI_HEARING_LOOP),
                        value(Keys.UI_TEXT_ROUTE), value(Keys.UI_TEXT_ROUTE_QR), value(Keys.UI_TEXTS_DIR)),
                new ProvisioningConfig(value(Keys.PROVISIONING_URL), value(Keys.PROVISIONING_INTERVAL),
                        value(Keys.PROVISIONING_CACHE_DIR), value(Keys.PROVISIONING_PIN),
                        value(Keys.PROVISIONING_CA_FILE), value(Keys.PROVISIONING_CLIENT_CERT),
                        value(Keys.PROVISIONING_CLIENT_CERT_PASSWORD)));
    }

    /** True when every key parsed (a path key that is not set also counts: it holds {@code null}). */
    private boolean has(Key<?>... keys) {
        for (Key<?> key : keys) {
            if (!values.containsKey(key)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private <T> T value(Key<T> key) {
        return (T) values.get(key);
    }

    private void errorAt(Key<?> key, String message) {
        Setting setting = settings.get(key.name());
        if (setting == null) {
            errors.add(new ConfigError(source, 0, key.name(), message));
        } else {
            errors.add(new ConfigError(setting.origin(), setting.line(), key.name(), message));
        }
    }

    /** Reports a rule between two keys at {@code preferred} if it was written, else at {@code other} if it was. */
    private void errorAtEither(Key<?> preferred, Key<?> other, String message) {
        errorAt(settings.containsKey(preferred.name()) || !settings.containsKey(other.name()) ? preferred : other,
                message);
    }

    private static String unknownKey(String name) {
        String suggestion = KeySuggestion.closest(name, Keys.BY_NAME.keySet());
        return suggestion == null ? "unknown key" : "unknown key; did you mean " + suggestion + "?";
    }

    /** File lines in order (the local file, then each central file), then overrides, then missing keys. */
    private List<ConfigError> inReadingOrder(List<ConfigError> errors) {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt((ConfigError e) -> e.line() > 0 ? 0 : OVERRIDE.equals(e.source()) ? 1 : 2)
                .thenComparingInt(e -> layerOrder.indexOf(e.source()))
                .thenComparingInt(ConfigError::line));
        return sorted;
    }
}
