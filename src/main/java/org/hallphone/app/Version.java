package org.hallphone.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.jar.Manifest;

/** The version of this build, from the jar manifest ("dev" when run from classes). */
final class Version {

    private Version() {
    }

    static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The day this build was made ({@code Build-Date} in the jar manifest); empty when run from classes. */
    static Optional<LocalDate> buildDate() {
        URL manifest = Version.class.getResource("/META-INF/MANIFEST.MF");
        String jar = String.valueOf(Version.class.getResource("Version.class"));
        if (manifest == null || !jar.startsWith("jar:")) {
            return Optional.empty();
        }
        try (InputStream in = new URL(jar.substring(0, jar.indexOf('!') + 1) + "/META-INF/MANIFEST.MF")
                .openStream()) {
            String date = new Manifest(in).getMainAttributes().getValue("Build-Date");
            return date == null ? Optional.empty() : Optional.of(LocalDate.parse(date.trim()));
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
