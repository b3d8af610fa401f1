package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.testing.DocPages;
import org.hallphone.testing.DocPages.Row;
import org.junit.jupiter.api.Test;

/**
 * docs/command-line.md against {@link CommandLine} and {@link Main}: the options the parser accepts are exactly the
 * documented ones, each documented form parses, {@code --help} names each long option, and the exit codes are
 * those of Main.
 */
class CommandLineDocTest {

    private static final String PAGE = "docs/command-line.md";
    private static final Pattern CASE_LABEL = Pattern.compile("\"(-[^\"]*)\"");

    /** The option spans of the Options table, e.g. {@code --config FILE}, {@code --help}, {@code -h}. */
    private static List<String> documentedForms() {
        List<String> forms = new ArrayList<>();
        for (Row row : DocPages.rows(DocPages.section(DocPages.read(PAGE), "## Options"))) {
            row.code(0).stream().filter(span -> span.startsWith("-")).forEach(forms::add);
        }
        return forms;
    }

    private static Set<String> documentedOptions() {
        Set<String> options = new TreeSet<>();
        documentedForms().forEach(form -> options.add(form.split(" ")[0]));
        return options;
    }

    /** Every string label of a {@code case ... ->} in CommandLine's source: the options its parser accepts. */
    private static Set<String> acceptedOptions() throws Exception {
        Set<String> options = new TreeSet<>();
        for (String line : Files.readAllLines(DocPages.projectDir()
                .resolve("src/main/java/org/hallphone/app/CommandLine.java"))) {
            String code = line.strip();
            if (code.startsWith("case ") && code.contains("->")) {
                Matcher label = CASE_LABEL.matcher(code.substring(0, code.indexOf("->")));
                while (label.find()) {
                    options.add(label.group(1));
                }
            }
        }
        return options;
    }

    @Test
    void theDocumentedOptionsAreExactlyTheAcceptedOnes() throws Exception {
        Set<String> accepted = acceptedOptions();
        assertTrue(accepted.contains("--config") && accepted.contains("--export-calls"), accepted.toString());
        assertEquals(accepted, documentedOptions(), "options CommandLine accepts (left) and " + PAGE + " (right)");
    }

    @Test
    void eachDocumentedFormParses() {
        for (String form : documentedForms()) {
            String[] args = form.replaceAll(" \\[[A-Z]+]", "")
                    .replace("KEY=VALUE", "call.cycles=1")
                    .replace("FROM", "2026-11-01")
                    .replace("TO", "2026-11-30")
                    .replace("FILE", "some.file")
                    .split(" ");
            assertDoesNotThrow(() -> CommandLine.parse(args), PAGE + ": " + form + " as " + Arrays.toString(args));
        }
    }

    @Test
    void theHelpTextNamesEachLongOption() {
        List<String> missing = documentedOptions().stream()
                .filter(option -> option.startsWith("--")) // -h is the short alias of --help
                .filter(option -> !Pattern.compile(Pattern.quote(option) + "[ ,\n]").matcher(CommandLine.USAGE).find())
                .toList();
        assertEquals(List.of(), missing, "options of " + PAGE + " missing from --help");
    }

    @Test
    void theExitCodesAreMains() throws Exception {
        Set<Integer> codes = new TreeSet<>();
        for (Field field : Main.class.getDeclaredFields()) {
            if (field.getName().startsWith("EXIT_") && Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                codes.add(field.getInt(null));
            }
        }
        Set<Integer> documented = new TreeSet<>();
        for (Row row : DocPages.rows(DocPages.section(DocPages.read(PAGE), "## Exit codes"))) {
            if (row.cell(0).matches("\\d+")) {
                documented.add(Integer.parseInt(row.cell(0)));
            }
        }
        assertTrue(codes.contains(Main.EXIT_CONFIG), codes.toString());
        assertEquals(codes, documented, "exit codes of Main (left) and " + PAGE + " (right)");
    }
}
