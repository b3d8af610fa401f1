package org.hallphone.handset;

import org.hallphone.testing.SocatPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialPortsTest {

    @TempDir
    Path dev;

    @Test
    void stableNamesAreResolvedToTheirDevices() throws IOException {
        Path usb = Files.createFile(dev.resolve("ttyUSB0"));
        Path acm = Files.createFile(dev.resolve("ttyACM0"));
        Path byId = Files.createDirectories(dev.resolve("serial/by-id"));
        Path byPath = Files.createDirectories(dev.resolve("serial/by-path"));
        Files.createSymbolicLink(byId.resolve("usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0"),
                Paths.get("../../ttyUSB0"));
        Files.createSymbolicLink(byPath.resolve("pci-0000:00:14.0-usb-0:2:1.0-port0"), Paths.get("../../ttyUSB0"));
        Files.createSymbolicLink(dev.resolve("hallphone-handset"), Paths.get("ttyUSB0"));
        Files.createSymbolicLink(dev.resolve("stdout"), Paths.get("/proc/self/fd/1")); // not a serial device
        Files.createSymbolicLink(byId.resolve("usb-gone"), Paths.get("../../ttyUSB9")); // dangling

        List<SerialPorts.Port> ports = SerialPorts.scan(dev, List.of(usb.toString(), acm.toString()), List.of());

        assertEquals(List.of(
                new SerialPorts.Port(acm.toRealPath().toString(), List.of()),
                new SerialPorts.Port(usb.toRealPath().toString(), List.of(
                        dev.resolve("serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0").toString(),
                        dev.resolve("serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0").toString(),
                        dev.resolve("hallphone-handset").toString()))), ports);
        assertEquals(dev.resolve("serial/by-id/usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0").toString(),
                ports.get(1).bestName());
        assertEquals(acm.toRealPath().toString(), ports.get(0).bestName());
    }

    @Test
    void aGivenPtyIsListedWithItsLinkAndPrinted() {
        try (SocatPair pair = new SocatPair(dev).start()) {
            List<SerialPorts.Port> ports = SerialPorts.list(List.of(pair.a()));
            SerialPorts.Port pty = ports.stream()
                    .filter(p -> p.stableNames().contains(pair.a().toString()))
                    .findFirst().orElseThrow(() -> new AssertionError("pty missing from " + ports));
            assertTrue(pty.device().startsWith("/dev/pts/"), pty::toString);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            SerialPorts.print(ports, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("handset.port"), printed);
            assertTrue(printed.contains(pty.device() + "  ←  " + pair.a()), printed);
        }
    }

    @Test
    void noPortsSaysWhatToDo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerialPorts.print(List.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("No serial ports found"));
    }
}
