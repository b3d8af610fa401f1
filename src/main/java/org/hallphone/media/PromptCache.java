package org.hallphone.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompts' WAV files, read once as 8 kHz mono and kept until the file changes (by its modification time), so
 * that a prompt costs no disk read or resampling when a call starts. Clock thread only.
 */
final class PromptCache {

    private static final Logger LOG = LoggerFactory.getLogger(PromptCache.class);

    private record Cached(long modified, short[] samples) {
    }

    private final Map<Path, Cached> prompts = new HashMap<>();

    /** The file's samples, or null when it is missing or unreadable (logged). */
    short[] load(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                LOG.debug("No prompt file {}", file);
                return null;
            }
            long modified = Files.getLastModifiedTime(file).toMillis();
            Cached cached = prompts.get(file);
            if (cached == null || cached.modified() != modified) {
                cached = new Cached(modified, Wav.read8kMono(file));
                prompts.put(file, cached);
            }
            return cached.samples();
        } catch (IOException e) {
            LOG.warn("Prompt {} cannot be played: {}", file, e.getMessage());
            return null;
        }
    }
}
