package org.hallphone.calllog;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 writing and tolerant reading. A written row is always one line: control characters in a value
 * (which no legitimate call-log value holds) become spaces, so every LF in our files ends a record and a torn
 * write is recognised by a missing final LF.
 *
 * <p>Safe to open in a spreadsheet (OWASP "CSV injection"): a value starting with {@code = + - @}, TAB or CR
 * would run as a formula in Excel or LibreOffice, so it is written with a leading apostrophe and quoted
 * ({@code "'=HYPERLINK(...)"}); {@link #plain} takes the apostrophe off again when the file is read. A value that
 * itself starts with an apostrophe gets a second one, so every value reads back exactly as it was written.
 */
final class Csv {

    /** RFC 4180 §2.1: records end in CRLF. The reader also accepts a bare LF. */
    static final String EOL = "\r\n";

    /** First characters that make a spreadsheet read a cell as a formula, and the apostrophe that escapes them. */
    private static final String FORMULA_START = "=+-@\t\r'";

    private Csv() {
    }

    /** A value as it was before {@link #line} neutralised it for spreadsheets (the leading apostrophe removed). */
    static String plain(String field) {
        if (field.length() >= 2 && field.charAt(0) == '\'' && (FORMULA_START.indexOf(field.charAt(1)) >= 0
                || field.charAt(1) == ' ')) {
            return field.substring(1);
        }
        return field;
    }

    /** One record: the fields quoted where needed (RFC 4180 §2.6-2.7), joined by commas, ending in CRLF. */
    static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendField(out, fields.get(i));
        }
        return out.append(EOL).toString();
    }

    private static void appendField(StringBuilder out, String raw) {
        String value = raw == null ? "" : oneLine(raw);
        boolean formula = raw != null && !raw.isEmpty() && FORMULA_START.indexOf(raw.charAt(0)) >= 0;
        if (formula) {
            out.append("\"'").append(value.replace("\"", "\"\"")).append('"');
            return;
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0) {
            out.append(value);
            return;
        }
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static String oneLine(String value) {
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                if (clean == null) {
                    clean = new StringBuilder(value.substring(0, i));
                }
                clean.append(' ');
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? value : clean.toString();
    }

    /**
     * Splits {@code text} into records. Quoted fields may hold commas, doubled quotes and line breaks. A record
     * that breaks the quoting rules is returned with {@code wellFormed} false; text after the last line break is
     * returned with {@code terminated} false (a torn write). Blank lines are skipped.
     */
    static List<Record> parse(String text) {
        return new Parser(text).records();
    }

    /**
     * The reader's state between characters. Outside quotes a character is a comma, a line end, a quote or
     * part of the field; inside quotes everything is part of the field until a lone quote closes it.
     */
    private static final class Parser {
        private final String text;
        private final List<Record> records = new ArrayList<>();
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private boolean inQuotes;
        private boolean afterQuote;
        private boolean wellFormed = true;
        /** The record has content (a comma or a character), so an empty line is not a record. */
        private boolean any;
        private int line = 1;
        private int startLine = 1;

        Parser(String text) {
            this.text = text;
        }

        List<Record> records() {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inQuotes) {
                    i = quoted(c, i);
                } else if (c == ',') {
                    endField();
                } else if (c == '\n') {
                    endLine();
                } else if (c == '"') {
                    openQuote();
                } else {
                    plain(c);
                }
            }
            if (any || field.length() > 0 || inQuotes) {
                fields.add(field.toString());
                records.add(new Record(startLine, List.copyOf(fields), false, wellFormed && !inQuotes));
            }
            return records;
        }

        /** A character inside quotes at {@code i}; returns the index of the last character used. */
        private int quoted(char c, int i) {
            if (c != '"') {
                if (c == '\n') {
                    line++;
                }
                field.append(c);
                return i;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                field.append('"'); // RFC 4180 §2.7: a doubled quote is one quote
                return i + 1;
            }
            inQuotes = false;
            afterQuote = true;
            return i;
        }

        private void endField() {
            fields.add(field.toString());
            field.setLength(0);
            afterQuote = false;
            any = true;
        }

        private void endLine() {
            if (any || field.length() > 0) {
                fields.add(stripCr(field));
                records.add(new Record(startLine, List.copyOf(fields), true, wellFormed));
            }
            fields.clear();
            field.setLength(0);
            afterQuote = false;
            wellFormed = true;
            any = false;
            line++;
            startLine = line;
        }

        private static String stripCr(StringBuilder field) {
            int n = field.length();
            return n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString();
        }

        private void openQuote() {
            if (field.length() == 0 && !afterQuote) {
                inQuotes = true;
            } else {
                wellFormed = false; // a quote inside an unquoted field
                field.append('"');
            }
            any = true;
        }

        private void plain(char c) {
            if (afterQuote && c != '\r') {
                // RFC 4180 §2.7: nothing may follow the closing quote but a comma or the line end
                wellFormed = false;
            }
            field.append(c);
            any = true;
        }
    }

    /**
     * @param line       1-based line number where the record starts
     * @param terminated the record ended in a line break (false: torn last line)
     * @param wellFormed the quoting rules were kept
     */
    record Record(int line, List<String> fields, boolean terminated, boolean wellFormed) {
    }
}
