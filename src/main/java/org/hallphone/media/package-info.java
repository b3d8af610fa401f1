/**
 * Audio for calls: RTP (RFC 3550) sessions with G.711, jitter buffer, RFC 4733 DTMF, locally generated tones and
 * prompts, and the audio devices (javax.sound, file, null). Knows nothing of SIP.
 */
package org.hallphone.media;
