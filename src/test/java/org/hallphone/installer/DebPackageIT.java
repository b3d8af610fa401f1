package org.hallphone.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code mvn -P deb package} builds with jpackage, installed with dpkg into a scratch root (the
 * maintainer scripts run outside a chroot with DPKG_ROOT, as {@code dpkg --root --force-script-chrootless} does):
 * files, owners and modes, the service user, the units (checked by systemd-analyze), the terminal running on the
 * package's own Java runtime, an upgrade that keeps configuration and call log, removal that keeps them, and purge.
 */
class DebPackageIT {

    private static final Path PROJECT = Path.of(System.getProperty("hallphone.project.dir", "."));
    private static final String VERSION = System.getProperty("hallphone.version", "0.1.0");

    @TempDir
    Path dir;

    private Path root;

    @Test
    void installsUpgradesRemovesAndPurgesLikeInstallSh() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            String message = "installing into a scratch root sets owners: run as root (CI does)";
            if (Peers.inCi()) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        Path deb = theDeb();
        String control = run(List.of("dpkg-deb", "-f", deb.toString()), 0);
        assertTrue(control.contains("Package: hallphone"), control);
        assertTrue(control.contains("Architecture: " + run(List.of("dpkg", "--print-architecture"), 0).strip()),
                control);
        assertTrue(control.contains("pulseaudio") && control.contains("libasound2-plugins"), control);

        root = scratchRoot();
        dpkg("-i", deb.toString());

        // the program with its own runtime: no system Java needed
        assertTrue(Files.isExecutable(root.resolve("opt/hallphone/bin/hallphone")));
        assertTrue(Files.exists(root.resolve("opt/hallphone/lib/runtime/lib/server/libjvm.so")), "own Java runtime");
        String version = run(List.of(root.resolve("opt/hallphone/bin/hallphone").toString(), "--version"), 0);
        assertEquals("Hallphone " + VERSION, version.strip());

        // the layout of install.sh
        int uid = id("passwd", "hallphone");
        int gid = id("group", "hallphone");
        assertOwned("etc/hallphone", 0, gid, "rwxr-x---");
        assertOwned("etc/hallphone/kiosk.properties", 0, gid, "rw-r-----");
        assertOwned("etc/hallphone/logback.xml", 0, 0, "rw-r--r--");
        assertOwned("var/lib/hallphone/calls", uid, gid, "rwxr-x---");
        assertOwned("var/lib/hallphone/provisioning", uid, gid, "rwxr-x---");
        assertOwned("var/log/hallphone", uid, gid, "rwxr-x---");
        assertOwned("etc/systemd/system/hallphone.service", 0, 0, "rw-r--r--");
        assertOwned("etc/systemd/system/hallphone-headless.service", 0, 0, "rw-r--r--");
        assertTrue(Files.exists(root.resolve("etc/udev/rules.d/99-hallphone-handset.rules")), "udev template");
        String groups = Files.readString(root.resolve("etc/group"));
        assertTrue(groups.contains("dialout:x:20:hallphone"), groups);
        assertFalse(groups.matches("(?s).*\\ntty:x:5:[^\\n]*hallphone.*"), "the service user is not in tty");
        assertTrue(Files.readString(root.resolve("etc/passwd")).contains(":/usr/sbin/nologin"), "no login shell");

        String checked = run(List.of(root.resolve("opt/hallphone/bin/hallphone").toString(), "--check-config",
                "--config", root.resolve("etc/hallphone/kiosk.properties").toString()), 0);
        assertTrue(checked.contains("# configuration is valid"), checked);
        verifyUnit("hallphone-headless.service");
        if (Files.isExecutable(Path.of("/usr/bin/xinit"))) {
            verifyUnit("hallphone.service");
        }
        runsTheDemoOnItsOwnRuntime();

        // an upgrade keeps what the technician wrote and the call log
        Path config = root.resolve("etc/hallphone/kiosk.properties");
        Files.writeString(config, Files.readString(config) + "\n# edited by the technician\n");
        Path calls = root.resolve("var/lib/hallphone/calls/calls-2026-12-01.csv");
        Files.writeString(calls, "started_at,terminal_id\n");
        dpkg("-i", deb.toString());
        assertTrue(Files.readString(config).contains("# edited by the technician"), "configuration kept");
        assertTrue(Files.exists(calls), "call log kept on upgrade");

        dpkg("-r", "hallphone");
        assertFalse(Files.exists(root.resolve("opt/hallphone/bin/hallphone")), "program removed");
        assertFalse(Files.exists(root.resolve("etc/systemd/system/hallphone.service")), "unit removed");
        assertTrue(Files.exists(calls), "removal leaves the call log");
        assertTrue(Files.exists(config), "removal leaves the configuration");

        dpkg("-P", "hallphone");
        assertFalse(Files.exists(root.resolve("var/lib/hallphone")), "purge deletes the call log");
        assertFalse(Files.exists(root.resolve("etc/hallphone")), "purge deletes the configuration");
        assertFalse(Files.readString(root.resolve("etc/passwd")).contains("hallphone"), "purge deletes the user");
    }

    private Path theDeb() throws IOException {
        try (Stream<Path> files = Files.list(PROJECT.resolve("target/deb"))) {
            List<Path> debs = files.filter(p -> p.toString().endsWith(".deb")).toList();
            assertEquals(1, debs.size(), "one package in target/deb: " + debs);
            return debs.get(0);
        }
    }

    /** A root with an empty dpkg database and the accounts a Debian base system has. */
    private Path scratchRoot() throws IOException {
        Path scratch = dir.resolve("root");
        Files.createDirectories(scratch.resolve("var/lib/dpkg/info"));
        Files.createDirectories(scratch.resolve("var/lib/dpkg/updates"));
        Files.createDirectories(scratch.resolve("etc"));
        Files.writeString(scratch.resolve("var/lib/dpkg/status"), "");
        Files.writeString(scratch.resolve("var/lib/dpkg/available"), "");
        Files.writeString(scratch.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(scratch.resolve("etc/group"),
                "root:x:0:\ntty:x:5:\ndialout:x:20:\naudio:x:29:\nvideo:x:44:\n");
        Files.writeString(scratch.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        Files.writeString(scratch.resolve("etc/gshadow"), "root:*::\n");
        return scratch;
    }

    private void dpkg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless",
                "--force-depends", "--force-not-root"));
        command.addAll(List.of(args));
        run(command, 0);
    }

    private int id(String file, String name) throws IOException {
        for (String line : Files.readAllLines(root.resolve("etc/" + file))) {
            String[] fields = line.split(":");
            if (fields[0].equals(name)) {
                return Integer.parseInt(fields[2]);
            }
        }
        throw new AssertionError(name + " not in " + file);
    }

    private void assertOwned(String path, int uid, int gid, String mode) throws IOException {
        Path file = root.resolve(path);
        assertTrue(Files.exists(file, LinkOption.NOFOLLOW_LINKS), path + " exists");
        assertEquals(uid, (int) Files.getAttribute(file, "unix:uid"), path + " owner");
        assertEquals(gid, (int) Files.getAttribute(file, "unix:gid"), path + " group");
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        assertEquals(mode, PosixFilePermissions.toString(attributes.permissions()), path + " mode");
    }

    /** systemd-analyze verify on the installed unit, its program path pointed into the scratch root. */
    private void verifyUnit(String unit) throws Exception {
        String analyze = Peers.require("systemd-analyze");
        String text = Files.readString(root.resolve("etc/systemd/system/" + unit))
                .replace("/opt/hallphone/", root.resolve("opt/hallphone") + "/");
        Path copy = Files.createDirectories(dir.resolve("units")).resolve(unit);
        Files.writeString(copy, text);
        String output = run(List.of(analyze, "verify", copy.toString()), -1);
        assertTrue(output.isBlank(), unit + ": " + output);
    }

    /** The installed program starts the demo (SIP, audio, health endpoint) on the package's runtime. */
    private void runsTheDemoOnItsOwnRuntime() throws Exception {
        Path log = dir.resolve("demo.log");
        Process demo = new ProcessBuilder(root.resolve("opt/hallphone/bin/hallphone").toString(), "--demo",
                "--headless", "--set", "calllog.dir=" + dir.resolve("calls"), "--set", "health.listen=",
                "--set", "sip.local-port=0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Wait.until("the packaged terminal to be ready", Duration.ofSeconds(60), () -> {
                try {
                    return Files.readString(log, StandardCharsets.UTF_8).contains(" ready (Hallphone " + VERSION);
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            demo.destroy();
            demo.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertFalse(output.contains("ClassNotFoundException") || output.contains("NoClassDefFoundError"), output);
    }

    /** Runs a command; {@code expected} exit code (or -1 for any) and returns its output. */
    private static String run(List<String> command, int expected) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        if (expected >= 0) {
            assertEquals(expected, process.exitValue(), String.join(" ", command) + ":\n" + output);
        }
        return output;
    }
}
