package org.hallphone.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test started, last started first, after each test: the terminal before the handset pty and the
 * peers it talks to, whatever the test got to start before it failed. One close that throws does not keep the
 * others open; its error is reported with the others suppressed in it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final Closer closer = new Closer();
 * ...
 * Sipp sipp = closer.add(Sipp.uas("uas"));
 * }</pre>
 */
public final class Closer implements AfterEachCallback, AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /** Registers {@code resource} to be closed after the test, before everything registered earlier. */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        open.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable resource = next(); resource != null; resource = next()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private synchronized AutoCloseable next() {
        return open.poll();
    }
}
