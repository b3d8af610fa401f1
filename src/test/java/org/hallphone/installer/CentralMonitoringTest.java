package org.hallphone.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring half of installer/central/ with Debian's Prometheus tools: the alert rules and scrape file pass
 * {@code promtool check}, the rules' unit tests pass (each alert fires when it should and not before), and every
 * query of the Grafana dashboard is valid PromQL.
 */
class CentralMonitoringTest {

    private static final Path CENTRAL = Path.of(System.getProperty("hallphone.project.dir", "."),
            "installer/central");
    private static final Pattern EXPR = Pattern.compile("\"expr\": \"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path dir;

    @Test
    void alertRulesAndScrapeConfigurationAreValid() throws Exception {
        String rules = promtool(CENTRAL, "check", "rules", "hallphone-alerts.yml");
        assertTrue(rules.contains("SUCCESS: 8 rules found"), rules);
        String config = promtool(CENTRAL, "check", "config", "prometheus.yml");
        assertTrue(config.contains("is valid prometheus config file syntax"), config);
    }

    @Test
    void eachAlertFiresWhenItShouldAndNotBefore() throws Exception {
        String result = promtool(CENTRAL, "test", "rules", "hallphone-alerts.test.yml");
        assertTrue(result.contains("SUCCESS"), result);
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        String dashboard = Files.readString(CENTRAL.resolve("grafana-dashboard.json"), StandardCharsets.UTF_8);
        List<String> expressions = new ArrayList<>();
        Matcher matcher = EXPR.matcher(dashboard);
        while (matcher.find()) {
            expressions.add(matcher.group(1).replace("\\\"", "\"").replace("$instance", ".*"));
        }
        assertEquals(13, expressions.size(), "queries found in the dashboard");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:query").append(i).append('\n')
                    .append("        expr: '").append(expressions.get(i).replace("'", "''")).append("'\n");
        }
        Files.writeString(dir.resolve("dashboard-rules.yml"), rules, StandardCharsets.UTF_8);
        String checked = promtool(dir, "check", "rules", "dashboard-rules.yml");
        assertTrue(checked.contains("SUCCESS: 13 rules found"), checked + "\n" + rules);
    }

    /** Runs promtool in {@code folder}; fails with its output when it exits non-zero. */
    private static String promtool(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Peers.require("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), "promtool " + String.join(" ", args) + ":\n" + output);
        return output;
    }
}
