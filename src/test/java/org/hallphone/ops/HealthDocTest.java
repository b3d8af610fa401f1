package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Media;
import org.hallphone.call.Outcome;
import org.hallphone.testing.DocPages;
import org.hallphone.testing.DocPages.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/health.md against a real endpoint on a free loopback port, with every optional part wired (call log, service
 * PIN, provisioning, media clock, syslog sender) and a call behind it: each JSON field and each metric family it
 * serves is documented, with the metric's type and labels, and the page lists nothing it does not serve.
 */
class HealthDocTest {

    private static final String PAGE = "docs/health.md";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern SAMPLE = Pattern.compile("^(hallphone_[a-z0-9_]+)(?:\\{(.*)})? ", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"");

    private HealthServer server;

    @BeforeEach
    void start() {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");
        Metrics metrics = new Metrics();
        metrics.setLocation("Поликлиника 3, холл");
        metrics.setMediaClock(() -> 20, () -> 0);
        metrics.setRecordsDiscarded(() -> 0);
        metrics.alarms().watchJournal(() -> new Alarms.Journal(true, "", 0, 0, 0, 0, 0));
        metrics.alarms().watchServicePin(() -> new Alarms.ServicePin(0, false, 0, 0));
        metrics.alarms().watchProvisioning(() -> new Provisioning.Status(true, "server", now, now, "", false));
        metrics.onCallEnded(new CallRecord(OffsetDateTime.parse("2026-11-24T11:00:00+03:00"), "hall1", "call-1",
                Direction.OUT, Outcome.ANSWERED, OffsetDateTime.parse("2026-11-24T11:00:06+03:00"),
                OffsetDateTime.parse("2026-11-24T11:04:00+03:00"), "sip:reps@pbx.example", 1, 200, EndedBy.PATIENT,
                Media.SRTP));
        server = new HealthServer("127.0.0.1:0", Snapshots::idle, metrics, "hall1", "0.1.0", now);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    @Test
    void everyHealthFieldIsDocumentedAndNothingElse() throws Exception {
        Set<String> served = jsonPaths(get("/health"));
        assertTrue(served.contains("handset.lifted") && served.contains("last_call.call_id"), served.toString());
        Set<String> documented = new LinkedHashSet<>();
        for (Row row : DocPages.rows(DocPages.section(DocPages.read(PAGE), "## `GET /health`"))) {
            if (row.code(0).size() == 1 && !row.cell(0).equals("field")) {
                documented.add(row.code(0).get(0));
            }
        }
        List<String> problems = new ArrayList<>();
        served.stream().filter(field -> !documented.contains(field))
                .forEach(field -> problems.add(field + ": served but not documented in " + PAGE));
        documented.stream().filter(field -> !served.contains(field))
                .forEach(field -> problems.add(field + ": documented in " + PAGE + " but not served"));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyMetricFamilyIsDocumentedWithItsTypeAndLabels() throws Exception {
        String text = get("/metrics");
        Map<String, String> served = new LinkedHashMap<>();
        Matcher types = TYPE.matcher(text);
        while (types.find()) {
            served.put(types.group(1), types.group(2));
        }
        assertTrue(served.size() > 30, "families served: " + served.keySet());
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        Matcher samples = SAMPLE.matcher(text);
        while (samples.find()) {
            String family = familyOf(samples.group(1), served);
            Set<String> names = labels.computeIfAbsent(family, f -> new TreeSet<>());
            if (samples.group(2) != null) {
                Matcher label = LABEL.matcher(samples.group(2));
                while (label.find()) {
                    if (!label.group(1).equals("le")) {
                        names.add(label.group(1));
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> documented = new LinkedHashSet<>();
        for (Row row : DocPages.rows(DocPages.section(DocPages.read(PAGE), "## `GET /metrics`"))) {
            if (row.code(0).size() != 1 || !row.code(0).get(0).startsWith("hallphone_")) {
                continue;
            }
            String family = row.code(0).get(0);
            documented.add(family);
            if (!served.containsKey(family)) {
                problems.add(PAGE + ":" + row.line() + ": " + family + " is not served");
                continue;
            }
            if (!row.cell(1).equals(served.get(family))) {
                problems.add(family + ": documented as " + row.cell(1) + ", served as " + served.get(family));
            }
            Set<String> documentedLabels = new TreeSet<>(row.code(2));
            if (!documentedLabels.equals(labels.getOrDefault(family, Set.of()))) {
                problems.add(family + ": documented labels " + documentedLabels + ", served "
                        + labels.getOrDefault(family, Set.of()));
            }
        }
        served.keySet().stream().filter(family -> !documented.contains(family))
                .forEach(family -> problems.add(family + ": served but not documented in " + PAGE));
        assertEquals(List.of(), problems);
    }

    /** The family a sample belongs to: its own name, or a histogram's name without _bucket, _sum or _count. */
    private static String familyOf(String sample, Map<String, String> families) {
        if (families.containsKey(sample)) {
            return sample;
        }
        return sample.replaceFirst("_(bucket|sum|count)$", "");
    }

    /**
     * The names of every member of a JSON document, nested members as {@code outer.inner}. Enough for the flat
     * objects /health serves (no arrays); string values are skipped whole, so their content is never a name.
     */
    static Set<String> jsonPaths(String json) {
        Set<String> paths = new LinkedHashSet<>();
        Deque<String> objects = new ArrayDeque<>();
        String lastName = "";
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                StringBuilder text = new StringBuilder();
                int end = i + 1;
                for (; json.charAt(end) != '"'; end++) {
                    if (json.charAt(end) == '\\') {
                        end++;
                    }
                    text.append(json.charAt(end));
                }
                int next = end + 1;
                while (Character.isWhitespace(json.charAt(next))) {
                    next++;
                }
                if (json.charAt(next) == ':') {
                    String outer = objects.isEmpty() ? "" : objects.peek();
                    lastName = outer.isEmpty() ? text.toString() : outer + "." + text;
                    paths.add(lastName);
                }
                i = end;
            } else if (c == '{') {
                objects.push(objects.isEmpty() ? "" : lastName);
            } else if (c == '}') {
                objects.pop();
            }
        }
        return paths;
    }
}
