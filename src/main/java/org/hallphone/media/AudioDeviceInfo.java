package org.hallphone.media;

/**
 * A javax.sound mixer that {@code audio.playback-device} or {@code audio.capture-device} can name (by any
 * substring of {@code name}).
 *
 * @param name        the mixer name, e.g. {@code "Device [plughw:1,0]"} or {@code "default [default]"}
 * @param description the driver's description
 * @param playback    it can play (has a source data line)
 * @param capture     it can record (has a target data line)
 */
public record AudioDeviceInfo(String name, String description, boolean playback, boolean capture) {
}
