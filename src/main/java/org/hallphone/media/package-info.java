/**
 * Audio for calls: RTP (RFC 3550) sessions with G.711, jitter buffer, RFC 4733 DTMF, locally generated tones and
 * prompts, and the audio devices (javax.sound, file, null); SRTP (RFC 3711, RFC 7714) behind
 * {@link org.hallphone.media.PacketTransform}. Knows nothing of SIP: the keys come from the caller.
 */
package org.hallphone.media;
