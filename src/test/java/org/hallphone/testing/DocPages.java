package org.hallphone.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the project's Markdown pages (README.md, docs/*.md) for the tests that keep them true to the code: their
 * table rows (cells split on unescaped {@code |}) and the {@code `code`} spans of a cell.
 */
public final class DocPages {

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern SEPARATOR = Pattern.compile("\\|(\\s*:?-+:?\\s*\\|)+");

    private DocPages() {
    }

    /** The project folder (Maven's basedir, or the working folder). */
    public static Path projectDir() {
        return Path.of(System.getProperty("hallphone.project.dir", "."));
    }

    /** The text of a page, by its path in the project, e.g. {@code docs/configuration.md}. */
    public static String read(String page) {
        try {
            return Files.readString(projectDir().resolve(page), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + page, e);
        }
    }

    /** One row of a Markdown table: where it is, its cells (trimmed), and whether it is the table's heading row. */
    public record Row(int line, List<String> cells, boolean heading) {
        public String cell(int i) {
            return i < cells.size() ? cells.get(i) : "";
        }

        /** The code spans of cell {@code i}, in order. */
        public List<String> code(int i) {
            return codeSpans(cell(i));
        }
    }

    /** Every table row of {@code markdown} outside fenced code blocks, header rows included, separators not. */
    public static List<Row> rows(String markdown) {
        List<Row> rows = new ArrayList<>();
        boolean fenced = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced || !line.startsWith("|") || SEPARATOR.matcher(line).matches()) {
                continue;
            }
            boolean heading = i + 1 < lines.length && SEPARATOR.matcher(lines[i + 1].strip()).matches();
            rows.add(new Row(i + 1, cells(line), heading));
        }
        return rows;
    }

    /** The text between one {@code ## heading} (or deeper) line and the next heading of the same or a higher level. */
    public static String section(String markdown, String heading) {
        int level = heading.indexOf(' ');
        int start = markdown.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("no heading \"" + heading + "\"");
        }
        int from = start + heading.length() + 2;
        Matcher next = Pattern.compile("\n#{1," + level + "} ").matcher(markdown);
        return markdown.substring(from, next.find(from) ? next.start() : markdown.length());
    }

    /** The code spans of a piece of Markdown text, in order. */
    public static List<String> codeSpans(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE_SPAN.matcher(text);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '`') {
                code = !code;
            }
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|' && !code) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return List.copyOf(cells);
    }
}
