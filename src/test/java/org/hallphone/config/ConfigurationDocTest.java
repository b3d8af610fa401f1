package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hallphone.testing.DocPages;
import org.hallphone.testing.DocPages.Row;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the one home of the configuration keys: every key the loader knows has exactly one
 * row there, under the heading of its prefix, with the default the loader uses; no other page keeps a key table.
 */
class ConfigurationDocTest {

    static final String PAGE = "docs/configuration.md";
    /** Pages that must not hold a second table of keys. */
    static final List<String> OTHER_PAGES = List.of("README.md", "docs/command-line.md", "docs/serial-protocol.md",
            "docs/sip.md", "docs/call-log.md", "docs/health.md");

    private static final Set<String> PREFIXES = Keys.ALL.stream().map(ConfigurationDocTest::prefix)
            .collect(Collectors.toUnmodifiableSet());

    /** The rows of {@code markdown} whose first cell is one code span that looks like a configuration key. */
    static Map<Row, String> keyRows(String markdown) {
        Map<Row, String> rows = new LinkedHashMap<>();
        for (Row row : DocPages.rows(markdown)) {
            List<String> first = row.code(0);
            if (!row.heading() && first.size() == 1 && row.cell(0).equals("`" + first.get(0) + "`")
                    && looksLikeKey(first.get(0))) {
                rows.put(row, first.get(0));
            }
        }
        return rows;
    }

    private static boolean looksLikeKey(String text) {
        int dot = text.indexOf('.');
        return dot > 0 && PREFIXES.contains(text.substring(0, dot)) && text.matches("[a-z]+(\\.[a-z0-9-]+)+");
    }

    private static String prefix(Key<?> key) {
        return key.name().substring(0, key.name().indexOf('.'));
    }

    @Test
    void everyKeyHasExactlyOneRow() {
        Map<Row, String> rows = keyRows(DocPages.read(PAGE));
        List<String> problems = new ArrayList<>();
        for (Key<?> key : Keys.ALL) {
            long count = rows.values().stream().filter(key.name()::equals).count();
            if (count != 1) {
                problems.add(key.name() + ": " + (count == 0 ? "undocumented" : count + " rows"));
            }
        }
        rows.forEach((row, name) -> {
            if (!Keys.BY_NAME.containsKey(name)) {
                problems.add(PAGE + ":" + row.line() + ": " + name + ": no such key in the program");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRowStatesTheProgramsDefault() {
        List<String> problems = new ArrayList<>();
        keyRows(DocPages.read(PAGE)).forEach((row, name) -> {
            Key<?> key = Keys.BY_NAME.get(name);
            if (key == null) {
                return; // reported by everyKeyHasExactlyOneRow
            }
            String expected = key.required() ? "*required*" : key.defaultText().isEmpty() ? "*empty*"
                    : "`" + key.defaultText() + "`";
            String documented = row.cell(2);
            if (!documented.toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT))) {
                problems.add(PAGE + ":" + row.line() + ": " + name + ": default " + documented + ", the program's is "
                        + expected);
            }
            if (row.cell(1).isEmpty() || row.cell(3).isEmpty()) {
                problems.add(PAGE + ":" + row.line() + ": " + name + ": type or meaning missing");
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void keysStandUnderTheHeadingOfTheirPrefix() {
        String page = DocPages.read(PAGE);
        List<String> problems = new ArrayList<>();
        for (String prefix : PREFIXES) {
            String section = DocPages.section(page, "## `" + prefix + ".*`");
            keyRows(section).values().stream()
                    .filter(name -> !name.startsWith(prefix + "."))
                    .forEach(name -> problems.add(name + " stands under `" + prefix + ".*`"));
            Keys.ALL.stream().filter(key -> prefix(key).equals(prefix))
                    .filter(key -> !keyRows(section).containsValue(key.name()))
                    .forEach(key -> problems.add(key.name() + " is not under `" + prefix + ".*`"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noOtherPageKeepsASecondKeyTable() {
        List<String> problems = new ArrayList<>();
        for (String page : OTHER_PAGES) {
            keyRows(DocPages.read(page)).forEach((row, name) -> {
                if (!row.heading() && Keys.BY_NAME.containsKey(name)) {
                    problems.add(page + ":" + row.line() + ": " + name + " (its row belongs in " + PAGE + ")");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void thePageIsLinkedFromTheReadme() {
        assertTrue(DocPages.read("README.md").contains("](docs/configuration.md"),
                "README.md links to " + PAGE);
    }
}
