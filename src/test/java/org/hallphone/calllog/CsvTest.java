package org.hallphone.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One literal input, one literal output each. */
class CsvTest {

    @Test
    void quotesOnlyWhatNeedsQuoting() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",,d\r\n",
                Csv.line(Arrays.asList("a", "b,c", "say \"hi\"", null, "d")));
    }

    @Test
    void controlCharactersBecomeSpacesSoARowIsOneLine() {
        assertEquals("a b c\r\n", Csv.line(List.of("a\nb\rc")));
        assertEquals("\"x, y\"\r\n", Csv.line(List.of("x,\ty")));
    }

    @Test
    void parsesCrlfAndLfRecords() {
        assertEquals(List.of(new Csv.Record(1, List.of("a", "b"), true, true),
                        new Csv.Record(2, List.of("c", ""), true, true)),
                Csv.parse("a,b\r\nc,\n"));
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        assertEquals(List.of(new Csv.Record(1, List.of("x,y", "he said \"no\"", "1\n2"), true, true),
                        new Csv.Record(3, List.of("z"), true, true)),
                Csv.parse("\"x,y\",\"he said \"\"no\"\"\",\"1\n2\"\nz\n"));
    }

    @Test
    void textAfterTheLastLineBreakIsTorn() {
        assertEquals(List.of(new Csv.Record(1, List.of("a"), true, true),
                        new Csv.Record(2, List.of("b", "c"), false, true)),
                Csv.parse("a\nb,c"));
        assertEquals(List.of(new Csv.Record(1, List.of("open quote\n"), false, false)),
                Csv.parse("\"open quote\n"));
    }

    @Test
    void brokenQuotingIsFlaggedAndBlankLinesSkipped() {
        assertEquals(List.of(new Csv.Record(1, List.of("ab\"c"), true, false),
                        new Csv.Record(3, List.of("qx"), true, false)),
                Csv.parse("ab\"c\n\n\"q\"x\n"));
    }

    @Test
    void fieldsThatASpreadsheetWouldRunAreNeutralised() {
        assertEquals("\"'=1+2\",\"'+7 495\",\"'-x\",\"'@SUM(A1)\",\"' =cmd\",\"' x\",\"''quoted\",a=b\r\n",
                Csv.line(List.of("=1+2", "+7 495", "-x", "@SUM(A1)", "\t=cmd", "\rx", "'quoted", "a=b")));
    }

    @Test
    void neutralisedFieldsReadBackAsTheyWere() {
        for (String value : List.of("=1+2", "+7 495", "-x", "@SUM(A1)", "'quoted", "' spaced", "a=b", "'")) {
            String field = Csv.parse(Csv.line(List.of(value))).get(0).fields().get(0);
            assertEquals(value, Csv.plain(field));
        }
    }
}
