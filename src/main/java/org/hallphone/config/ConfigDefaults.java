package org.hallphone.config;

/** The value a key takes when the file leaves it out; the names carry the units. */
public final class ConfigDefaults {

    public static final String HANDSET_MODE = "text";
    public static final int HANDSET_BAUD = 9600;
    public static final String HANDSET_TEXT_OFFHOOK = "OFFHOOK";
    public static final String HANDSET_TEXT_ONHOOK = "ONHOOK";
    public static final String HANDSET_LINES_SIGNAL = "dsr";
    public static final String HANDSET_LINES_OFFHOOK_LEVEL = "high";
    public static final int HANDSET_DEBOUNCE_MS = 50;
    public static final int HANDSET_DIAL_DELAY_MS = 0;
    public static final int HANDSET_LEFT_OFFHOOK_ALARM_S = 60;
    public static final int HANDSET_POLL_MS = 100;

    public static final int SIP_LOCAL_PORT = 5060;
    public static final String SIP_TRANSPORT = "udp";
    public static final int SIP_REGISTER_EXPIRES_S = 600;
    /** Shorter than the 30 s after which many NAT boxes forget a UDP binding. */
    public static final int SIP_KEEPALIVE_S = 25;
    public static final String SIP_KEEPALIVE_METHOD = "crlf";
    public static final int SIP_MAX_MESSAGE_BYTES = 65535;
    public static final int SIP_RTP_PORT_MIN = 16384;
    public static final int SIP_RTP_PORT_MAX = 16999;
    public static final int SIP_RTP_TIMEOUT_S = 30;
    public static final boolean SIP_SEND_VERSION = true;

    public static final int CALL_RING_TIMEOUT_S = 30;
    public static final int CALL_CYCLES = 2;
    public static final int CALL_MAX_DURATION_S = 1200;
    public static final int CALL_MAX_DURATION_WARNING_S = 60;
    public static final String CALL_CONFIRM_ANSWER = "none";
    public static final int CALL_CONFIRM_GRACE_S = 10;
    public static final int CALL_MAX_REDIRECTS = 3;

    public static final double AUDIO_PLAYBACK_GAIN_DB = 0.0;
    public static final double AUDIO_CAPTURE_GAIN_DB = 0.0;
    /** The call-progress tone frequency of Russian exchanges (and of most of Europe). */
    public static final int AUDIO_TONE_FREQUENCY_HZ = 425;
    public static final String AUDIO_RINGBACK_CADENCE_MS = "1000,4000";
    public static final String AUDIO_BUSY_CADENCE_MS = "350,350";
    public static final int AUDIO_JITTER_MIN_MS = 20;
    public static final int AUDIO_JITTER_MAX_MS = 200;

    public static final String CALLLOG_DIR = "/var/lib/hallphone/calls";
    public static final int PROVISIONING_INTERVAL_S = 3600;
    public static final String PROVISIONING_CACHE_DIR = "/var/lib/hallphone/provisioning";
    public static final int CALLLOG_RETENTION_DAYS = 365;

    public static final String UI_LANGUAGE = "ru";
    public static final String UI_ORGANISATION = "Страховая медицинская организация";
    public static final boolean UI_HIDE_CURSOR = true;
    public static final boolean UI_RATING = true;
    public static final boolean UI_HEARING_LOOP_DEFAULT = false;

    private ConfigDefaults() {
    }
}
