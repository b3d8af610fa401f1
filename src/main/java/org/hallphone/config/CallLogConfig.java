package org.hallphone.config;

import java.nio.file.Path;

/**
 * @param dir           {@code calllog.dir}: folder of the daily CSV files
 * @param retentionDays {@code calllog.retention-days}: older daily files are deleted at start (0: keep all)
 */
public record CallLogConfig(Path dir, int retentionDays) {
}
