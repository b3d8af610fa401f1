package org.hallphone.handset;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import jssc.SerialPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the driver when the serial port has input (or hangs up), so that a text handset costs nothing while it is
 * silent. jssc 2.10.2 offers no usable way to wait on Linux: its event thread re-checks the port about every
 * millisecond, and its blocking {@code readBytes} spins at 100% of a core once the device hangs up and cannot be
 * woken by closing the port. So the port's own file descriptor is registered with an NIO selector (epoll),
 * through the JDK's pipe channel class, which accepts any descriptor; that needs
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}
 * (set by {@code bin/hallphone}). Without it {@link #start} returns null and the driver polls instead.
 *
 * <p>One daemon thread per open port waits in {@code select()} and does nothing else: for each wake-up it hands
 * {@code onReadable} to the driver's thread and waits until that has run, so that reading (and closing the port)
 * stays on the driver's thread and the descriptor is never read after it was closed. The watch never closes the
 * descriptor (jssc does); {@link #close()} only leaves the selector, which wakes the thread at once.
 */
final class InputWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InputWatch.class);
    /** How long the watch thread waits for the driver to take one wake-up before it looks again. */
    private static final long HANDOFF_MS = 1000;
    private static volatile boolean unavailableLogged;

    private final Selector selector;
    private final Thread thread;
    private volatile boolean closed;

    private InputWatch(Selector selector, Consumer<Runnable> driverThread, Runnable onReadable) {
        this.selector = selector;
        this.thread = new Thread(() -> watch(driverThread, onReadable), "handset-serial-watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching {@code port}; returns null (after one log line) when the JVM does not allow it.
     *
     * @param driverThread runs a task on the driver's thread (and throws when the driver stops)
     * @param onReadable   run on the driver's thread after each wake-up: reads what is queued, or finds the loss
     */
    static InputWatch start(SerialPort port, Consumer<Runnable> driverThread, Runnable onReadable) {
        Selector selector;
        try {
            Pipe.SourceChannel channel = channelOf(port);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            if (!unavailableLogged) {
                unavailableLogged = true;
                LOG.warn("Handset port {}: cannot wait for input without polling ({}); start Java with"
                        + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED as bin/hallphone does", port.getPortName(),
                        e.toString());
            }
            return null;
        }
        InputWatch watch = new InputWatch(selector, driverThread, onReadable);
        watch.thread.start();
        return watch;
    }

    private static Pipe.SourceChannel channelOf(SerialPort port) throws ReflectiveOperationException {
        Field handle = SerialPort.class.getDeclaredField("portHandle");
        handle.setAccessible(true);
        int fd = Math.toIntExact(handle.getLong(port));
        Class<?> io = Class.forName("sun.nio.ch.IOUtil");
        Method newFd = io.getDeclaredMethod("newFD", int.class);
        newFd.setAccessible(true);
        FileDescriptor descriptor = (FileDescriptor) newFd.invoke(null, fd);
        Constructor<?> source = Class.forName("sun.nio.ch.SourceChannelImpl")
                .getDeclaredConstructor(SelectorProvider.class, FileDescriptor.class);
        source.setAccessible(true);
        return (Pipe.SourceChannel) source.newInstance(SelectorProvider.provider(), descriptor);
    }

    private void watch(Consumer<Runnable> driverThread, Runnable onReadable) {
        try {
            while (!closed) {
                if (selector.select() == 0) {
                    continue; // woken by close()
                }
                selector.selectedKeys().clear();
                CompletableFuture<Void> taken = new CompletableFuture<>();
                driverThread.accept(() -> {
                    try {
                        if (!closed) {
                            onReadable.run();
                        }
                    } finally {
                        taken.complete(null);
                    }
                });
                // Input still queued keeps the port readable: wait for the driver to read it before selecting again.
                while (!closed && !taken.isDone()) {
                    try {
                        taken.get(HANDOFF_MS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException slowDriver) {
                        // look again at closed
                    } catch (ExecutionException e) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) { // ClosedSelectorException after close()
            if (!closed) {
                LOG.debug("Handset input watch ended: {}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops watching: the thread wakes and ends; the descriptor stays open for jssc to close. */
    @Override
    public void close() {
        closed = true;
        try {
            selector.close(); // deregisters the descriptor (epoll_ctl DEL) without closing it
        } catch (IOException e) {
            LOG.debug("closing the input selector: {}", e.toString());
        }
    }
}
