package org.hallphone.handset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open jssc port, opened by its configured (stable) name. Besides reading it answers the health check: the
 * name must still lead to the very device node that was opened (same device and inode: a replugged adapter or a
 * new pty gets a new node even under the same name), and the driver must answer a query of its input queue.
 *
 * <p>Known jssc 2.10.2 traps this class works around: it raises no event when the device is unplugged (hence the
 * health check); on a pty, setting DTR/RTS fails and the modem lines read garbage; {@code readBytes(n)} blocks
 * until n bytes arrive and spins once the device hangs up, so only bytes already queued are read; its event
 * listener thread re-reads the port about every millisecond (a busy loop), so it is not used: input is waited
 * for with {@link InputWatch}, and modem lines are polled.
 */
final class SerialConnection implements LineStateSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialConnection.class);

    private final String name;
    private final SerialPort port;
    private final Object nodeKey;

    private SerialConnection(String name, SerialPort port, Object nodeKey) {
        this.name = name;
        this.port = port;
        this.nodeKey = nodeKey;
    }

    /**
     * Opens {@code name} at {@code baud} 8N1 with DTR and RTS raised (they power a hook switch in lines mode and
     * tell many USB microcontrollers that a reader is present).
     *
     * @param needModemLines true in lines mode, where failing to raise DTR/RTS is worth a warning
     * @throws IOException with a plain-words message when the port is absent, busy, forbidden or no serial port
     */
    static SerialConnection open(String name, int baud, boolean needModemLines) throws IOException {
        Object key = nodeKey(Paths.get(name));
        SerialPort port;
        try {
            port = new SerialPort(name);
            port.openPort();
        } catch (SerialPortException e) {
            throw new IOException(describe(name, e), e);
        } catch (LinkageError e) {
            // jssc unpacks its native library to the temporary folder; a noexec /tmp makes loading fail.
            throw new IOException("the jssc native library cannot be loaded (" + e + "); if /tmp is mounted noexec,"
                    + " start Java with -Djssc.boot.library.path=<a folder holding libjssc.so>", e);
        }
        try {
            boolean allSet = port.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1,
                    SerialPort.PARITY_NONE, true, true);
            if (!allSet) {
                // jssc says false both for a refused speed and for modem lines it cannot set (always so on a pty):
                // if DTR and RTS can be set on their own, it was the speed.
                boolean modemLines = port.setDTR(true) && port.setRTS(true);
                if (modemLines) {
                    LOG.warn("serial port {}: the speed {} 8N1 was refused; check handset.baud", name, baud);
                } else if (needModemLines) {
                    LOG.warn("serial port {}: cannot raise DTR and RTS, so the hook switch has no power"
                            + " (a pty has no modem lines)", name);
                } else {
                    LOG.debug("serial port {}: no modem lines to raise (normal on a pty)", name);
                }
            }
        } catch (SerialPortException e) {
            closeQuietly(port);
            throw new IOException("serial port " + name + ": cannot set " + baud + " 8N1: " + e.getExceptionType(), e);
        }
        return new SerialConnection(name, port, key);
    }

    /** Bytes queued for reading now; throws when the device does not answer. */
    int available() throws IOException {
        int count;
        try {
            count = port.getInputBufferBytesCount();
        } catch (SerialPortException e) {
            throw new IOException("serial port " + name + " stopped answering: " + e.getExceptionType(), e);
        }
        if (count < 0) {
            throw new IOException("serial port " + name + " stopped answering (input queue unreadable)");
        }
        return count;
    }

    /** Reads up to {@code max} bytes that are already queued, never blocking; empty when none are. */
    byte[] readQueued(int max) throws IOException {
        int count = Math.min(available(), max);
        if (count == 0) {
            return new byte[0];
        }
        try {
            byte[] bytes = port.readBytes(count);
            return bytes == null ? new byte[0] : bytes;
        } catch (SerialPortException e) {
            throw new IOException("serial port " + name + ": read failed: " + e.getExceptionType(), e);
        }
    }

    /**
     * Reads the modem inputs. jssc ignores a failing {@code TIOCMGET} and returns whatever the stack held, so the
     * device is asked for its input queue first: an unplugged adapter fails there instead of reading noise.
     */
    @Override
    public ModemLines read() throws IOException {
        available();
        try {
            return ModemLines.fromJssc(port.getLinesStatus());
        } catch (SerialPortException e) {
            throw new IOException("serial port " + name + ": cannot read modem lines: " + e.getExceptionType(), e);
        }
    }

    /**
     * Wakes {@code onReadable} on the driver's thread whenever input is queued or the device hangs up; null when
     * the JVM does not allow waiting (the caller then polls). See {@link InputWatch}.
     */
    InputWatch watchInput(Consumer<Runnable> driverThread, Runnable onReadable) {
        return InputWatch.start(port, driverThread, onReadable);
    }

    /** Why the configured name no longer leads to the opened device, or null when it still does. */
    String vanished() {
        try {
            Object now = nodeKey(Paths.get(name));
            return Objects.equals(now, nodeKey) ? null
                    : "serial port " + name + " now leads to another device (unplugged and plugged again?)";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        closeQuietly(port);
    }

    private static Object nodeKey(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            throw new IOException("serial port " + path + " is absent (device unplugged or not yet there)", e);
        }
    }

    private static String describe(String name, SerialPortException e) {
        String type = e.getExceptionType();
        if (SerialPortException.TYPE_PORT_NOT_FOUND.equals(type)) {
            return "serial port " + name + " is absent";
        }
        if (SerialPortException.TYPE_PORT_BUSY.equals(type)) {
            return "serial port " + name + " is busy: another program holds it (a running kiosk or monitor?)";
        }
        if (SerialPortException.TYPE_PERMISSION_DENIED.equals(type)) {
            return "serial port " + name + ": permission denied (add the user to the dialout group)";
        }
        if (SerialPortException.TYPE_INCORRECT_SERIAL_PORT.equals(type)) {
            return name + " is not a serial port";
        }
        return "serial port " + name + " cannot be opened: " + type;
    }

    private static void closeQuietly(SerialPort port) {
        try {
            if (port.isOpened()) {
                port.closePort();
            }
        } catch (SerialPortException e) {
            LOG.debug("closing {} failed (already gone): {}", port.getPortName(), e.getExceptionType());
        }
    }
}
