package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hallphone.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Review findings F23/F6: the installed unit is sandboxed and valid; the service user is not in the tty group. */
class SystemdServiceTest {

    @TempDir
    Path dir;

    /** Runs a command in the project folder; returns exit code and output (stdout and stderr). */
    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        return new Result(process.exitValue(), output);
    }

    private record Result(int code, String output) {
    }

    private String unit(boolean headless, Path prefix) throws Exception {
        Result result = run(List.of("bash", "-c", ". installer/unit.sh && hallphone_unit " + headless + " " + prefix));
        assertEquals(0, result.code(), result.output());
        return result.output();
    }

    @Test
    void headlessUnitIsSandboxedAndPassesSystemdAnalyzeVerify() throws Exception {
        String analyze = Peers.require("systemd-analyze");
        Path prefix = Files.createDirectories(dir.resolve("opt/hallphone/bin")).getParent();
        Path launcher = Files.writeString(prefix.resolve("bin/hallphone"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        String unit = unit(true, prefix);
        Path file = Files.writeString(dir.resolve("hallphone.service"), unit);

        Result verify = run(List.of(analyze, "verify", file.toString()));

        assertEquals(0, verify.code(), verify.output());
        assertEquals("", verify.output().strip(), "no warnings");
        for (String line : List.of("NoNewPrivileges=yes", "ProtectSystem=strict",
                "ReadWritePaths=/var/lib/hallphone /var/log/hallphone", "PrivateTmp=yes", "TasksMax=512",
                "LimitNOFILE=4096", "User=hallphone", "-Dsun.net.httpserver.maxReqTime=5")) {
            assertTrue(unit.contains(line), line + " missing in\n" + unit);
        }
    }

    @Test
    void kioskUnitIsSandboxedButLetsTheXServerWrapperRun() throws Exception {
        String unit = unit(false, Path.of("/opt/hallphone"));

        assertTrue(unit.contains("ExecStart=/usr/bin/xinit /opt/hallphone/bin/hallphone"), unit);
        assertTrue(unit.contains("ProtectSystem=strict") && unit.contains("PrivateTmp=yes")
                && unit.contains("TasksMax=512") && unit.contains("LimitNOFILE=4096"), unit);
        for (String implying : List.of("NoNewPrivileges=", "ProtectKernelTunables=", "ProtectKernelModules=",
                "ProtectKernelLogs=", "RestrictSUIDSGID=", "LockPersonality=")) {
            assertFalse(unit.lines().anyMatch(l -> l.startsWith(implying)),
                    implying + " (NoNewPrivileges, or implies it with User=) would stop Xorg.wrap");
        }
        assertTrue(unit.contains("ReadWritePaths=/var/lib/hallphone /var/log/hallphone /var/log"),
                "the X server writes /var/log/Xorg.0.log");
    }

    @Test
    void serviceUserGetsTheSerialPortButNotTheTerminals() throws Exception {
        String install = Files.readString(Path.of("installer/install.sh"));
        String usermod = install.lines().filter(l -> l.startsWith("usermod")).findFirst().orElseThrow();
        assertTrue(usermod.contains("dialout"), usermod);
        assertFalse(usermod.contains("tty"), usermod);
        assertTrue(install.contains("gpasswd -d hallphone tty"), "an earlier install's tty membership is removed");
    }
}
