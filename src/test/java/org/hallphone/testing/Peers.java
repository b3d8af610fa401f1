package org.hallphone.testing;

import java.io.File;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external programs that tests talk to (sipp, kamailio, socat, pulseaudio, Xvfb). When one is missing
 * the test is skipped on a developer's machine but fails under CI ({@code CI=true}): never a silent skip there.
 */
public final class Peers {

    private Peers() {
    }

    /** True when running under CI, where every peer must be present. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Returns the absolute path of {@code program}, or fails (CI) / aborts the test (elsewhere). */
    public static String require(String program) {
        Optional<String> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String message = program + " is not installed: run installer/run-tests, which installs the test peers";
        if (inCi()) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** Looks {@code program} up on PATH and in the sbin folders, where Debian puts kamailio. */
    public static Optional<String> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            File candidate = new File(dir, program);
            if (candidate.isFile() && candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** Ends {@code process} and every process it started (SIGKILL) and waits up to 5 s for it to be gone. */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
