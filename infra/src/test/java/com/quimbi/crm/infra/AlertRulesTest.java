package com.quimbi.crm.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus rules in infra/observability are code: promtool checks them and runs their unit tests, every alert
 * has a test and a runbook with the four parts a person woken at night needs.
 */
class AlertRulesTest {

    static final Path PROMETHEUS = Path.of("observability/prometheus").toAbsolutePath();
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static String promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = Promtool.locate();
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        List<String> rules = files(PROMETHEUS.resolve("rules"));
        List<String> tests = files(PROMETHEUS.resolve("tests"));
        assertThat(rules).isNotEmpty();
        assertThat(tests).isNotEmpty();

        run(concat(List.of(promtool, "check", "rules"), rules));
        run(concat(List.of(promtool, "test", "rules"), tests));
    }

    @ParameterizedTest
    @ValueSource(strings = { "prometheus-local.yml", "prometheus-compose.yml" })
    void theScrapeConfigurationsAreValidScrapeEveryServiceAndLoadEveryRuleFile(String name) throws Exception {
        Path config = PROMETHEUS.resolve(name);
        run(List.of(promtool, "check", "config", config.toString()));
        Map<String, Object> parsed = yaml(config);
        @SuppressWarnings("unchecked")
        List<String> ruleFiles = (List<String>) parsed.get("rule_files");
        assertThat(ruleFiles).containsExactlyInAnyOrderElementsOf(
                files(PROMETHEUS.resolve("rules")).stream().map(f -> "rules/" + Path.of(f).getFileName()).toList());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) parsed.get("scrape_configs");
        assertThat(jobs.stream().map(job -> (String) job.get("job_name")).toList())
                .containsAll(ObservabilityManifestsTest.SERVICES).contains("keycloak");
    }

    @Test
    void everyAlertHasAUnitTestAndARunbook() throws IOException {
        String allTests = String.join("\n", files(PROMETHEUS.resolve("tests")).stream().map(AlertRulesTest::read).toList());
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> alert : alerts()) {
            String name = (String) alert.get("alert");
            if (!allTests.contains("alertname: " + name + "\n")) {
                problems.add(name + ": no promtool test names it");
            }
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
            String runbook = annotations == null ? null : annotations.get("runbook");
            if (runbook == null) {
                problems.add(name + ": no runbook annotation");
                continue;
            }
            Path file = ROOT.resolve(runbook);
            if (!Files.isRegularFile(file)) {
                problems.add(name + ": runbook " + runbook + " is missing");
                continue;
            }
            String text = read(file.toString());
            for (String part : List.of("## What it means", "## How to confirm", "## What to do", "## How to verify the fix")) {
                if (!text.contains(part)) {
                    problems.add(runbook + ": no '" + part + "' section");
                }
            }
            if (!text.contains(name)) {
                problems.add(runbook + ": does not name the alert " + name);
            }
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) alert.get("labels");
            if (labels == null || !List.of("page", "ticket").contains(labels.get("severity"))) {
                problems.add(name + ": severity must be page or ticket");
            }
        }
        assertThat(problems).isEmpty();
    }

    static List<Map<String, Object>> alerts() throws IOException {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (String file : files(PROMETHEUS.resolve("rules"))) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> groups = (List<Map<String, Object>>) yaml(Path.of(file)).get("groups");
            for (Map<String, Object> group : groups) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
                rules.stream().filter(rule -> rule.containsKey("alert")).forEach(alerts::add);
            }
        }
        assertThat(alerts).hasSizeGreaterThan(10);
        return alerts;
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".yml")).sorted().map(Path::toString).toList();
        }
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Runs promtool in the rules' directory (test files name rule files relative to themselves) and wants 0. */
    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("%s\n%s", String.join(" ", command), output).isZero();
    }

    /** Where promtool is: {@code CRM_PROMTOOL}, else the PATH ({@code ./crm test} installs Debian's prometheus). */
    static final class Promtool {

        static String locate() {
            String configured = System.getenv("CRM_PROMTOOL");
            if (configured != null && !configured.isBlank()) {
                return configured;
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File candidate = new File(dir, "promtool");
                if (candidate.canExecute()) {
                    return candidate.getAbsolutePath();
                }
            }
            throw new IllegalStateException("promtool is not installed: ./crm test installs Debian's 'prometheus' "
                    + "package when run as root; otherwise run 'sudo apt-get install prometheus' or set CRM_PROMTOOL "
                    + "to a promtool binary");
        }
    }
}
