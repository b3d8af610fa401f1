package org.hallphone.installer;

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
import java.util.stream.Stream;
import org.hallphone.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * installer/lib.sh picks the package names of the running release and leaves apt alone when everything is there.
 * The releases are played by stand-ins for dpkg-query, apt-cache and apt-get that answer as Debian 12 and 13 and
 * Ubuntu 22.04 and 24.04 do (which packages exist, which are installed); the last test runs the real tools.
 */
class InstallerLibTest {

    private static final Path LIB = Path.of(System.getProperty("hallphone.project.dir", "."), "installer/lib.sh");
    private static final String KIOSK = "jdk maven 'libgtk-3-0t64|libgtk-3-0'";

    @TempDir
    Path dir;

    /** What one simulated release offers and has installed, and the JDK on PATH. */
    private record Release(List<String> offered, List<String> installed, String javac) {
    }

    @Test
    void debian13InstallsTheOldestLtsJdkItHasAndTheRenamedGtk() throws Exception {
        Release trixie = new Release(List.of("openjdk-21-jdk-headless", "openjdk-25-jdk-headless",
                "default-jdk-headless", "libgtk-3-0t64", "maven"), List.of(), null);
        Result result = run(trixie, "ensure_packages " + KIOSK);
        assertEquals(0, result.exit, result.output);
        assertEquals(List.of("update -q", "install -y -q --no-install-recommends openjdk-21-jdk-headless maven "
                + "libgtk-3-0t64"), result.aptCalls);
    }

    @Test
    void ubuntu2204KeepsOpenJdk17AndTheOldGtkName() throws Exception {
        Release jammy = new Release(List.of("openjdk-17-jdk-headless", "openjdk-21-jdk-headless",
                "default-jdk-headless", "libgtk-3-0", "maven"), List.of(), "javac 11.0.20");
        Result result = run(jammy, "ensure_packages " + KIOSK);
        assertEquals(0, result.exit, result.output);
        assertEquals(List.of("update -q", "install -y -q --no-install-recommends openjdk-17-jdk-headless maven "
                + "libgtk-3-0"), result.aptCalls);
    }

    @Test
    void ubuntu2404WithJdk21AlreadyThereInstallsOnlyWhatIsMissing() throws Exception {
        Release noble = new Release(List.of("openjdk-17-jdk-headless", "openjdk-21-jdk-headless", "libgtk-3-0t64",
                "maven"), List.of("maven"), "javac 21.0.4");
        Result result = run(noble, "ensure_packages " + KIOSK);
        assertEquals(0, result.exit, result.output);
        assertEquals(List.of("update -q", "install -y -q --no-install-recommends libgtk-3-0t64"), result.aptCalls);
    }

    @Test
    void everythingPresentLeavesAptAlone() throws Exception {
        Release bookworm = new Release(List.of("openjdk-17-jdk-headless", "libgtk-3-0", "maven"),
                List.of("maven", "libgtk-3-0"), "javac 25.0.3");
        Result result = run(bookworm, "ensure_packages " + KIOSK + " && ensure_packages jre");
        assertEquals(0, result.exit, result.output);
        assertEquals(List.of(), result.aptCalls, "apt-get must not run when nothing is missing");
    }

    @Test
    void aReleaseWithoutAnyAlternativeSaysWhichAndFails() throws Exception {
        Release odd = new Release(List.of("maven"), List.of(), null);
        Result result = run(odd, "ensure_packages 'libgtk-3-0t64|libgtk-3-0'");
        assertTrue(result.exit != 0, "must fail: " + result.output);
        assertTrue(result.output.contains("none of these packages is offered by this release: libgtk-3-0t64|libgtk-3-0"),
                result.output);
        assertFalse(result.aptCalls.stream().anyMatch(c -> c.startsWith("install")), result.aptCalls.toString());
    }

    @Test
    void javaVersionsOfRealJdksAreRead() throws Exception {
        Path javac = Path.of(Peers.require("javac")).toRealPath();
        Result own = runReal("java_major " + javac);
        assertEquals(0, own.exit, own.output);
        int major = Integer.parseInt(own.output.strip());
        assertTrue(major >= 17, "the build JDK reads as " + major);
        assertEquals(String.valueOf(Runtime.version().feature()),
                runReal("java_major " + Path.of(System.getProperty("java.home"), "bin", "java")).output.strip());
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path jdk : jdks.filter(p -> Files.isExecutable(p.resolve("bin/java"))).toList()) {
                String read = runReal("java_major " + jdk.resolve("bin/java")).output.strip();
                assertTrue(read.matches("\\d+") && Integer.parseInt(read) >= 8, jdk + " reads as '" + read + "'");
            }
        }
    }

    @Test
    void onThisMachineTheKioskPackagesNeedNoApt() throws Exception {
        // installer/run-tests has installed the test packages, which include the kiosk's: nothing is left to do.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("apt.log");
        script(bin.resolve("apt-get"), "echo \"$*\" >> " + log + "\nexit 1");
        Result result = runWith("PATH=" + bin + ":$PATH; ensure_packages " + KIOSK, log);
        assertEquals(0, result.exit, result.output);
        assertEquals(List.of(), result.aptCalls);
    }

    private record Result(int exit, String output, List<String> aptCalls) {
    }

    private Result run(Release release, String command) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("apt.log");
        script(bin.resolve("dpkg-query"), "for p in " + String.join(" ", release.installed())
                + "; do [ \"$p\" = \"${@: -1}\" ] && { printf 'install ok installed'; exit 0; }; done\nexit 1");
        script(bin.resolve("apt-cache"), "for p in " + String.join(" ", release.offered())
                + "; do [ \"$p\" = \"$2\" ] && { printf '%s:\\n  Installed: (none)\\n  Candidate: 1.0-1\\n' \"$p\"; "
                + "exit 0; }; done\nexit 0");
        script(bin.resolve("apt-get"), "echo \"$*\" >> " + log);
        String version = release.javac() == null ? null : release.javac();
        for (String tool : List.of("javac", "java")) {
            script(bin.resolve(tool), version == null ? "echo \"" + tool + ": not found\" >&2; exit 127"
                    : "echo \"" + version.replace("javac", tool) + "\" >&2");
        }
        return runWith("unset JAVA_HOME; PATH=" + bin + ":/usr/bin:/bin; " + command, log);
    }

    private Result runReal(String command) throws Exception {
        return runWith(command, dir.resolve("none.log"));
    }

    private Result runWith(String command, Path aptLog) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", ". " + LIB + "; " + command)
                .redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "lib.sh did not finish");
        List<String> calls = Files.exists(aptLog) ? Files.readAllLines(aptLog) : List.of();
        return new Result(process.exitValue(), output, calls);
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
