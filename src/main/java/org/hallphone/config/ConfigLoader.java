package org.hallphone.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates {@code kiosk.properties}. Every problem is reported at once, each as
 * {@code file:line: key: what is wrong}; a configuration that loads is complete and immutable.
 *
 * <p>Overrides (from the command line, or tests) replace the file's value of a key and are checked the same way;
 * their problems are reported as {@code <override>: key: what is wrong}.
 */
public final class ConfigLoader {

    /** The largest configuration file read: a real one is a few KB. */
    public static final long MAX_BYTES = 1024 * 1024;


    /** Where {@link #demo()} finds the embedded demo configuration on the classpath. */
    public static final String DEMO_RESOURCE = "org/hallphone/config/demo.properties";

    private ConfigLoader() {
    }

    public static KioskConfig load(Path file) throws ConfigException {
        return load(file, Map.of());
    }

    /**
     * Loads {@code file} (UTF-8). Relative paths inside it are taken relative to the file's folder.
     *
     * @param overrides key to value, applied over the file's values
     */
    public static KioskConfig load(Path file, Map<String, String> overrides) throws ConfigException {
        return load(file, List.of(), overrides);
    }

    /** A central file (provisioning): how messages name it, and its text. */
    public record Layer(String source, String text) {
    }

    /**
     * Loads the local {@code file} with central files laid over it in order (local &lt; common &lt; own), each
     * checked like the local file and named in every message about it.
     */
    public static KioskConfig load(Path file, List<Layer> central, Map<String, String> overrides)
            throws ConfigException {
        String source = file.toString();
        Path absolute = file.toAbsolutePath();
        ConfigAssembler assembler = new ConfigAssembler(source, file, absolute.getParent());
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                // Read whole, a runaway file would exhaust the memory of the running kiosk (service-screen reload).
                throw fileError(source, 0, "the configuration is " + size + " bytes; at most " + MAX_BYTES
                        + " bytes (1 MB) are read: is this the right file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw fileError(source, 0, "cannot read the configuration: " + ConfigAssembler.reason(e));
        }
        List<ConfigAssembler.Layer> layers = new java.util.ArrayList<>();
        for (Layer layer : central) {
            layers.add(new ConfigAssembler.Layer(layer.source(), PropertiesParser.parse(layer.text())));
        }
        return assembler.assemble(PropertiesParser.parse(decode(bytes, source)), layers, overrides);
    }

    /** Loads a configuration from {@code reader} (tests, or a configuration that is not a file). */
    public static KioskConfig load(Reader reader, String sourceName) throws ConfigException {
        return load(reader, sourceName, Map.of());
    }

    /**
     * Loads a configuration from {@code reader}; relative paths are taken relative to the working directory.
     *
     * @param sourceName how messages name the source, and {@link KioskConfig#source()}
     */
    public static KioskConfig load(Reader reader, String sourceName, Map<String, String> overrides)
            throws ConfigException {
        ConfigAssembler assembler = new ConfigAssembler(sourceName, Path.of(sourceName), workingDirectory());
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
                if (text.length() > MAX_BYTES) {
                    throw fileError(sourceName, 0, "the configuration is longer than " + MAX_BYTES
                            + " characters (1 MB): is this the right file?");
                }
            }
        } catch (IOException e) {
            throw fileError(sourceName, 0, "cannot read the configuration: " + ConfigAssembler.reason(e));
        }
        return assembler.assemble(PropertiesParser.parse(text.toString()), overrides);
    }

    /**
     * The embedded demo configuration ({@code --demo}): simulated handset, the demo contact centre on loopback.
     *
     * @throws IllegalStateException when the embedded file is missing or invalid (a build error, tested)
     */
    public static KioskConfig demo() {
        try {
            return demo(Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the embedded demo configuration is invalid:\n" + e.getMessage(), e);
        }
    }

    /** The demo configuration with some keys replaced, e.g. {@code calllog.dir} or {@code sip.local-port}. */
    public static KioskConfig demo(Map<String, String> overrides) throws ConfigException {
        String source = "classpath:" + DEMO_RESOURCE;
        ConfigAssembler assembler = new ConfigAssembler(source, Path.of(source), workingDirectory());
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(source + " is not on the classpath: the build did not package it");
            }
            return assemble(in.readAllBytes(), source, assembler, overrides);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + source, e);
        }
    }

    private static KioskConfig assemble(byte[] bytes, String source, ConfigAssembler assembler,
            Map<String, String> overrides) throws ConfigException {
        return assembler.assemble(PropertiesParser.parse(decode(bytes, source)), overrides);
    }

    /** The file's text; a file that is not UTF-8 is an error at the line of its first bad byte. */
    private static String decode(byte[] bytes, String source) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            // Nothing after a bad byte can be trusted: report this alone.
            throw fileError(source, lineAt(bytes, in.position()), "not UTF-8 text: save the file as UTF-8");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static ConfigException fileError(String source, int line, String message) {
        return new ConfigException(List.of(new ConfigError(source, line, "", message)));
    }

    /** The 1-based line holding byte {@code position}. */
    private static int lineAt(byte[] bytes, int position) {
        int line = 1;
        for (int i = 0; i < position; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
