package org.hallphone.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hallphone.calllog.CallExport;
import org.hallphone.calllog.RatingLog;
import org.hallphone.testing.DocPages;
import org.hallphone.testing.DocPages.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages under docs/ and the README against the code where no single package owns the fact: the call log's
 * columns as the program writes them, the X-Hallphone-* headers in the sources, and the pages themselves (every
 * page linked from the README, every relative link and anchor resolving, no reference to files outside the
 * repository).
 */
class DocsMatchCodeTest {

    static final List<String> PAGES = List.of("docs/command-line.md", "docs/configuration.md",
            "docs/serial-protocol.md", "docs/sip.md", "docs/call-log.md", "docs/health.md");

    private static final Pattern HEADER_NAME = Pattern.compile("X-Hallphone-[A-Za-z]+(-[A-Za-z]+)*");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @TempDir
    Path dir;

    // ---- call log --------------------------------------------------------------------------------------

    /** The column names of a section of call-log.md: the header line shown, and the table's rows in order. */
    private static void assertColumns(String heading, List<String> written) {
        String section = DocPages.section(DocPages.read("docs/call-log.md"), heading);
        List<String> tabled = new ArrayList<>();
        for (Row row : DocPages.rows(section)) {
            if (row.cell(0).matches("\\d+") && row.code(1).size() == 1) {
                tabled.add(row.code(1).get(0));
            }
        }
        assertEquals(written, tabled, "columns the program writes (left) and the table under " + heading);
        String shown = section.lines().filter(line -> line.startsWith("    ")).findFirst().orElse("").strip();
        assertEquals(String.join(",", written), shown, "the header line shown under " + heading);
    }

    private static List<String> firstLine(String csv) {
        return List.of(csv.lines().findFirst().orElseThrow().split(","));
    }

    @Test
    void theCallLogColumnsAreTheWrittenHeader() throws IOException {
        StringWriter export = new StringWriter();
        CallExport.write(dir, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), export);
        List<String> header = firstLine(export.toString());
        assertTrue(header.contains("call_id") && header.contains("media"), header.toString());
        assertColumns("## `calls-YYYY-MM-DD.csv` columns", header);
    }

    @Test
    void theRatingsColumnsAreTheWrittenHeader() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), MOSCOW);
        assertTrue(new RatingLog(dir, "hall1", MOSCOW, clock).record("call-1", 5), "rating written");
        List<String> header = firstLine(Files.readString(dir.resolve("ratings-2026-11-24.csv")));
        assertEquals("rating", header.get(header.size() - 1));
        assertColumns("## `ratings-YYYY-MM-DD.csv` columns", header);
    }

    // ---- SIP -------------------------------------------------------------------------------------------

    @Test
    void everyXHallphoneHeaderOfTheCodeIsInTheSipPage() throws IOException {
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> files = Files.walk(DocPages.projectDir().resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher name = HEADER_NAME.matcher(Files.readString(file));
                while (name.find()) {
                    inCode.add(name.group());
                }
            }
        }
        assertTrue(inCode.contains("X-Hallphone-Terminal"), inCode.toString());
        Set<String> documented = new TreeSet<>();
        for (Row row : DocPages.rows(DocPages.section(DocPages.read("docs/sip.md"), "## Headers the terminal sends"))) {
            row.code(0).stream().filter(span -> HEADER_NAME.matcher(span).matches()).forEach(documented::add);
        }
        assertEquals(inCode, documented, "X-Hallphone-* headers in src/main/java (left) and in docs/sip.md's table");
    }

    // ---- the README's Architecture section -------------------------------------------------------------

    private static final Pattern TYPE_NAME = Pattern.compile("\\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\\b");

    private static String sources(String folder) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(DocPages.projectDir().resolve(folder))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void theArchitectureDrawsEveryPackageAndNamesRealTypesAndThreads() throws IOException {
        String section = DocPages.section(DocPages.read("README.md"), "## Architecture");
        int fence = section.indexOf("```");
        String drawing = fence < 0 ? "" : section.substring(fence, section.indexOf("```", fence + 3));
        List<String> problems = new ArrayList<>();
        try (Stream<Path> packages = Files.list(DocPages.projectDir().resolve("src/main/java/org/hallphone"))) {
            packages.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .filter(name -> !Pattern.compile("\\b" + name + "\\b").matcher(drawing).find())
                    .forEach(name -> problems.add("package " + name + " is not drawn"));
        }
        String code = sources("src/main/java") + sources("src/test/java");
        Set<String> types = new TreeSet<>();
        Matcher type = TYPE_NAME.matcher(section);
        while (type.find()) {
            types.add(type.group());
        }
        types.stream()
                .filter(name -> !Pattern.compile("(class|interface|record|enum) " + name + "\\b").matcher(code).find())
                .forEach(name -> problems.add("no type " + name));
        String main = sources("src/main/java");
        for (Row row : DocPages.rows(section)) {
            for (String thread : row.code(0)) {
                if (!main.contains("\"" + thread + "\"") && !main.contains("\"" + thread + "-\"")) {
                    problems.add("no thread named " + thread);
                }
            }
        }
        assertTrue(types.contains("CallFlow"), types.toString());
        assertEquals(List.of(), problems, "the README's Architecture section against src/");
    }

    // ---- the pages themselves --------------------------------------------------------------------------

    @Test
    void theReadmeLinksEveryPage() {
        String readme = DocPages.read("README.md");
        List<String> unlinked = PAGES.stream().filter(page -> !readme.contains("](" + page)).toList();
        assertEquals(List.of(), unlinked, "pages the README does not link to");
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        List<String> pages = new ArrayList<>(PAGES);
        pages.add("README.md");
        for (String page : pages) {
            Path from = DocPages.projectDir().resolve(page).getParent();
            Matcher link = LINK.matcher(DocPages.read(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? DocPages.projectDir().resolve(page) : from.resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + ": no such file");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + ": no such heading");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, blanks as hyphens. */
    private static Set<String> anchors(Path page) {
        Set<String> anchors = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(page)) {
                if (line.matches("#{1,6} .*")) {
                    StringBuilder slug = new StringBuilder();
                    line.replaceFirst("#+ ", "").toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
                        if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                            slug.appendCodePoint(c);
                        } else if (c == ' ') {
                            slug.append('-');
                        }
                    });
                    anchors.add(slug.toString());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + page, e);
        }
        return anchors;
    }

    @Test
    void noFileReachesOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        Path root = DocPages.projectDir();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).toString().matches("(target|\\.git|\\.idea)(/.*)?"))
                    .toList();
        }
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1); // any bytes read
            if (text.contains("../" + "shared/")) {
                found.add(root.relativize(file).toString());
            }
        }
        assertEquals(List.of(), found, "files that point into a shared folder beside the repository");
    }
}
