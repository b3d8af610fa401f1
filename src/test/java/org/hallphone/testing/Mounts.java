package org.hallphone.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Real file systems for tests of disk failures: a small tmpfs that fills up, a read-only bind mount. Needs root
 * (CI runs as root): where mounting is impossible the test fails under CI ({@code CI=true}) and is skipped
 * elsewhere. {@link #close} unmounts everything, newest first.
 */
public final class Mounts implements AutoCloseable {

    private final Deque<Path> mounted = new ArrayDeque<>();

    /** Mounts a tmpfs of {@code kib} KiB on the existing folder {@code at}. */
    public void tmpfs(Path at, int kib) {
        mount(at, "mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs", at.toString());
    }

    /** Makes {@code view} show {@code real} read-only (both folders exist). */
    public void readOnlyBind(Path real, Path view) {
        mount(view, "mount", "--bind", real.toString(), view.toString());
        run("mount", "-o", "remount,ro,bind", view.toString());
    }

    /** Makes a read-only bind mount writable again (the disk "heals"). */
    public void makeWritable(Path view) {
        run("mount", "-o", "remount,rw,bind", view.toString());
    }

    private void mount(Path at, String... command) {
        String failure = tryRun(command);
        if (failure != null) {
            String message = "cannot mount for this test (" + failure + "); it needs root, which CI has";
            if (Peers.inCi()) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        mounted.push(at);
    }

    private static void run(String... command) {
        String failure = tryRun(command);
        if (failure != null) {
            throw new IllegalStateException(String.join(" ", command) + ": " + failure);
        }
    }

    /** Runs a command; null when it succeeded, else what went wrong. */
    private static String tryRun(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        while (!mounted.isEmpty()) {
            Path at = mounted.pop();
            String failure = tryRun("umount", at.toString());
            if (failure != null && tryRun("umount", "-l", at.toString()) != null) {
                failures.add(at + ": " + failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cannot unmount " + failures);
        }
    }
}
