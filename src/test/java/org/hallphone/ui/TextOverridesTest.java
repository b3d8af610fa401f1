package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hallphone.config.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment's own screen words: used when valid, refused with file:line when not. */
class TextOverridesTest {

    private static List<String> errors(Path dir) {
        return TextOverrides.check(dir).stream().map(ConfigError::toString).toList();
    }

    @Test
    void validOverridesAreUsedAndTheRestStaysBuiltIn(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("messages_en.properties"), """
                # Zabota's words
                ready.heading=Lift the handset to talk to Zabota
                info.hotline=Zabota hotline, day and night: {0}
                notreached.office=Or visit us at the Zabota office:
                """);
        assertEquals(List.of(), errors(dir));
        TextOverrides own = TextOverrides.load(dir);
        Texts en = Texts.of(Texts.ENGLISH, own);
        assertEquals("Lift the handset to talk to Zabota", en.get("ready.heading"));
        assertEquals("Zabota hotline, day and night: 8-800", en.format("info.hotline", "8-800"));
        assertEquals(Texts.of(Texts.ENGLISH).get("ready.body"), en.get("ready.body"));
        assertEquals(Texts.of(Texts.RUSSIAN).get("ready.heading"), Texts.of(Texts.RUSSIAN, own).get("ready.heading"));
    }

    @Test
    void everyProblemIsReportedWithFileLineAndKey(@TempDir Path dir) throws IOException {
        Path ru = dir.resolve("messages_ru.properties");
        Files.writeString(ru, String.join("\n",
                "ready.heding=Снимите трубку",
                "info.hotline=Горячая линия: {1}",
                "info.office=Офис представителя",
                "ready.body=Вас соединят {0",
                "ready.help=Представитель вам поможет",
                "ready.help=Ещё раз",
                "afterhours.body=Don't wait",
                "ready.free=",
                ""));
        String f = ru.toString();
        assertEquals(List.of(
                f + ":1: ready.heding: unknown key: the screen has no text of that name",
                f + ":2: info.hotline: must use exactly the placeholders {0} of the built-in text, got {1}",
                f + ":3: info.office: must use exactly the placeholders {0} of the built-in text, got none",
                f + ":4: ready.body: not a valid text pattern (Unmatched braces in the pattern.); write a brace as"
                        + " '{' and an apostrophe as ''",
                f + ":6: ready.help: set twice (first on line 5); keep one",
                f + ":7: afterhours.body: a single apostrophe is dropped from the screen; write it twice ('')",
                f + ":8: ready.free: empty; remove the line to keep the built-in text"), errors(dir));
    }

    @Test
    void aPlaceholderWhereTheBuiltInTextHasNoneIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("messages_en.properties"), "ready.heading=Lift it, {0}\n");
        List<String> found = errors(dir);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).endsWith(":1: ready.heading: this text takes no placeholders, got {0}"), found.get(0));
    }

    @Test
    void otherFilesWrongEncodingAndAMissingFolderAreErrors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("messages_de.properties"), "ready.heading=Hörer abnehmen\n");
        Files.write(dir.resolve("messages_ru.properties"),
                "ready.heading=Снимите трубку\n".getBytes(Charset.forName("windows-1251")));
        Files.writeString(dir.resolve("README.txt"), "notes for the technician");
        assertEquals(List.of(
                dir.resolve("messages_de.properties") + ": not read: the screen's texts are messages_ru.properties "
                        + "and messages_en.properties",
                dir.resolve("messages_ru.properties") + ": not UTF-8 text; save the file as UTF-8"), errors(dir));
        Path missing = dir.resolve("nothing-here");
        assertEquals(List.of(missing + ": ui.texts-dir: no such folder"), errors(missing));
        assertEquals(List.of(), errors(null));
    }

    @Test
    void theWrittenRoutesPictureMustBeReadable(@TempDir Path dir) throws IOException {
        Path qr = dir.resolve("chat-qr.png");
        java.awt.image.BufferedImage square = new java.awt.image.BufferedImage(21, 21,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(square, "png", qr.toFile());
        org.hallphone.config.UiConfig base = Kiosks.ui(Texts.RUSSIAN);
        java.util.function.Function<Path, org.hallphone.config.UiConfig> with = picture ->
                new org.hallphone.config.UiConfig(base.language(), base.organisation(), base.hotline(), "", "", true,
                        base.servicePinHash(), true, "", "", "", false, "chat.example", picture, null);
        assertEquals(List.of(), TextOverrides.check(with.apply(qr)));
        Path text = dir.resolve("chat-qr.txt");
        Files.writeString(text, "not a picture");
        assertEquals(List.of(text + ": ui.text-route-qr: not a PNG or JPEG picture"),
                TextOverrides.check(with.apply(text)).stream().map(ConfigError::toString).toList());
        Path missing = dir.resolve("gone.png");
        assertEquals(List.of(missing + ": ui.text-route-qr: cannot read the picture: no such file"),
                TextOverrides.check(with.apply(missing)).stream().map(ConfigError::toString).toList());
    }
}
