package org.hallphone.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Warnings of {@code --check-config} about where secrets and the call log live: a password file or configuration
 * readable by every user of the machine, a call log on a RAM disk (lost at reboot) or under a folder that any
 * user can write (another user could create or replace the folder first).
 */
final class FileSafety {

    private static final Set<String> RAM_FILE_SYSTEMS = Set.of("tmpfs", "ramfs");

    private FileSafety() {
    }

    static List<String> warnings(KioskConfig config) {
        List<String> warnings = new ArrayList<>();
        passwordFile(config).ifPresent(file -> {
            if (readableByOthers(file)) {
                warnings.add("sip.password-file: " + file + " can be read by every user of this machine; make it "
                        + "readable by the service only: chown root:hallphone " + file + "; chmod 0640 " + file);
            }
        });
        Path source = config.source();
        if (source != null && Files.isRegularFile(source) && readableByOthers(source)
                && (!config.ui().servicePinHash().isEmpty() || !config.sip().account().password().isEmpty())) {
            warnings.add(source + " holds a password or the service PIN's hash and can be read by every user of "
                    + "this machine: chown root:hallphone " + source + "; chmod 0640 " + source);
        }
        Path dir = config.calllog().dir().toAbsolutePath().normalize();
        fileSystemType(dir).filter(RAM_FILE_SYSTEMS::contains).ifPresent(type -> warnings.add("calllog.dir: " + dir
                + " is on a " + type + " (memory): the call log is lost at every reboot; use a folder on the disk, "
                + "e.g. /var/lib/hallphone/calls"));
        for (Path parent = dir.getParent(); parent != null; parent = parent.getParent()) {
            if (worldWritable(parent)) {
                warnings.add("calllog.dir: " + dir + " lies under " + parent + ", which every user can write: "
                        + "another user could create or replace the folder; use a folder only the service owns, "
                        + "e.g. /var/lib/hallphone/calls");
                break;
            }
        }
        return warnings;
    }

    /** The {@code sip.password-file} of the configuration file, read again (the record keeps only the secret). */
    private static Optional<Path> passwordFile(KioskConfig config) {
        Path source = config.source();
        if (source == null || !Files.isRegularFile(source)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            for (PropertiesParser.Property property : PropertiesParser.parse(text).properties()) {
                if (property.key().equals(Keys.SIP_PASSWORD_FILE.name()) && !property.value().isBlank()) {
                    Path base = source.toAbsolutePath().getParent();
                    return Optional.of(base.resolve(property.value().trim()).normalize());
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static boolean readableByOthers(Path file) {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean worldWritable(Path dir) {
        try {
            return Files.isDirectory(dir)
                    && Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The type of the file system holding {@code dir} or, while it does not exist, its nearest existing parent. */
    private static Optional<String> fileSystemType(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    FileStore store = Files.getFileStore(p);
                    return Optional.of(store.type());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
