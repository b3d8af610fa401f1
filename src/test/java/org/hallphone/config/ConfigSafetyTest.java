package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.hallphone.testing.Mounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Review findings F18 and F24: secrets readable by everyone, a huge configuration, a call log in the wrong place. */
class ConfigSafetyTest {

    @TempDir
    Path dir;

    private final Mounts mounts = new Mounts();

    @AfterEach
    void unmount() {
        mounts.close();
    }

    private Path config(String... lines) throws IOException {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "terminal.id=hall-1\nterminal.name=Холл\nhandset.port=/dev/ttyUSB0\n"
                + "call.targets=sip:reps@pbx.example\nui.hotline=8 800 000\n" + String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        return file;
    }

    private List<String> warnings(Path file) throws ConfigException {
        return ConfigPrinter.warnings(ConfigLoader.load(file)).stream()
                .filter(w -> !w.startsWith("ui.service-pin-hash")).collect(Collectors.toList());
    }

    /** The warnings but those about the call log's folder (the test's folder is under /tmp). */
    private List<String> secretWarnings(Path file) throws ConfigException {
        return warnings(file).stream().filter(w -> !w.startsWith("calllog.dir")).collect(Collectors.toList());
    }

    @Test
    void passwordFileReadableByEveryoneIsAWarning() throws Exception {
        Path secret = Files.writeString(dir.resolve("sip.secret"), "s3cret\n");
        Path file = config("sip.password-file=sip.secret", "calllog.dir=" + dir.resolve("calls"));

        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> open = secretWarnings(file);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r-----"));
        List<String> closed = secretWarnings(file);

        assertEquals(1, open.size(), open.toString());
        assertTrue(open.get(0).startsWith("sip.password-file: " + secret + " can be read by every user"), open.get(0));
        assertTrue(open.get(0).contains("chown root:hallphone " + secret + "; chmod 0640 " + secret), open.get(0));
        assertEquals(List.of(), closed);
    }

    @Test
    void configurationHoldingAPasswordAndReadableByEveryoneIsAWarning() throws Exception {
        Path file = config("sip.password=s3cret", "calllog.dir=" + dir.resolve("calls"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        List<String> warnings = secretWarnings(file);

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("chmod 0640 " + file), warnings.get(0));
        assertTrue(!warnings.get(0).contains("s3cret"), "never the password itself");
    }

    @Test
    void configurationOverOneMegabyteIsRefusedWithAClearError() throws Exception {
        Path file = config("calllog.dir=" + dir.resolve("calls"));
        Files.writeString(file, ("# " + "x".repeat(1022) + "\n").repeat(1025),
                java.nio.file.StandardOpenOption.APPEND);

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("at most 1048576 bytes (1 MB)"), e.getMessage());
    }

    @Test
    void callLogUnderAFolderEveryoneCanWriteIsAWarning() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = config("calllog.dir=" + shared.resolve("calls"));

        List<String> warnings = warnings(file);

        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("calllog.dir: ") && w.contains("lies under "
                + shared + ", which every user can write")), warnings.toString());
    }

    @Test
    void callLogOnTmpfsIsAWarning() throws Exception {
        Path ram = Files.createDirectory(dir.resolve("ram"));
        mounts.tmpfs(ram, 64);
        Path file = config("calllog.dir=" + ram.resolve("calls"));

        List<String> warnings = warnings(file);

        assertTrue(warnings.stream().anyMatch(w -> w.contains("is on a tmpfs (memory): the call log is lost at every "
                + "reboot")), warnings.toString());
    }
}
