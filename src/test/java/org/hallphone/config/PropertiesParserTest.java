package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hallphone.config.PropertiesParser.Problem;
import org.hallphone.config.PropertiesParser.Property;
import org.junit.jupiter.api.Test;

class PropertiesParserTest {

    private static List<Property> properties(String text) {
        PropertiesParser.Result result = PropertiesParser.parse(text);
        assertEquals(List.of(), result.problems());
        return result.properties();
    }

    @Test
    void separatorsCommentsAndBlankLinesKeepLineNumbers() {
        String text = """
                # comment
                ! also a comment
                a=1

                b : 2
                c 3
                   d=4 \t
                e=
                f
                g==x
                """;
        assertEquals(List.of(
                new Property("a", "1", 3),
                new Property("b", "2", 5),
                new Property("c", "3", 6),
                new Property("d", "4", 7),
                new Property("e", "", 8),
                new Property("f", "", 9),
                new Property("g", "=x", 10)), properties(text));
    }

    @Test
    void continuationLinesJoinAndKeepTheFirstLineNumber() {
        String text = "x=1\ncall.targets=sip:a@h1, \\\n    sip:b@h2,\\\n\tsip:c@h3\ny=2\n";
        assertEquals(List.of(
                new Property("x", "1", 1),
                new Property("call.targets", "sip:a@h1, sip:b@h2,sip:c@h3", 2),
                new Property("y", "2", 5)), properties(text));
    }

    @Test
    void anEscapedBackslashAtTheEndDoesNotContinue() {
        assertEquals(List.of(new Property("p", "C:\\", 1), new Property("q", "1", 2)), properties("p=C:\\\\\nq=1"));
    }

    @Test
    void aContinuationOnTheLastLineEndsTheValue() {
        assertEquals(List.of(new Property("p", "abc", 1)), properties("p=abc\\"));
    }

    @Test
    void escapesAndUnicode() {
        String text = "k\\=ey\\ x=a\\tb\\nc\\\\d\\u00ABe\\u00bb\\#f\\:g";
        assertEquals(List.of(new Property("k=ey x", "a\tb\nc\\d«e»#f:g", 1)), properties(text));
    }

    @Test
    void utf8CyrillicCrLfAndByteOrderMark() {
        String text = "\uFEFFterminal.name=Онкодиспансер, холл 1\r\nui.organisation = «Пример»\r\n";
        assertEquals(List.of(
                new Property("terminal.name", "Онкодиспансер, холл 1", 1),
                new Property("ui.organisation", "«Пример»", 2)), properties(text));
    }

    @Test
    void aCommentLineEndingInBackslashDoesNotContinue() {
        assertEquals(List.of(new Property("a", "1", 2)), properties("# note \\\na=1"));
    }

    @Test
    void badUnicodeEscapeIsAProblemNamingTheLineAndKey() {
        PropertiesParser.Result result = PropertiesParser.parse("a=1\nui.hotline=8\\u80x\nb=2");
        assertEquals(List.of(new Problem(2, "ui.hotline",
                "bad escape \"\\u80x\" (\\u needs four hexadecimal digits, e.g. \\u00AB)")), result.problems());
        assertEquals(List.of(new Property("a", "1", 1), new Property("b", "2", 3)), result.properties());
    }
}
