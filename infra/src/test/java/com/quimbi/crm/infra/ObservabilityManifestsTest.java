package com.quimbi.crm.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The k8s monitoring objects and the Grafana dashboards stay what the rules and the local stack say: one
 * ServiceMonitor per service, PrometheusRule objects equal to the rule files, dashboards that load.
 */
class ObservabilityManifestsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("gateway", "ticket-service", "agent-service", "assignment-service",
            "sla-service", "integration-service", "notification-service", "analytics-service", "quimbi-adapter",
            "automation-service");

    @Test
    void thePrometheusRuleObjectsAreTheRuleFilesAsTheyAreNow() throws IOException {
        Map<String, Object> objects = new java.util.HashMap<>();
        for (Map<String, Object> doc : documents(ROOT.resolve("k8s/observability/prometheus-rules.yaml"))) {
            assertThat(doc.get("kind")).isEqualTo("PrometheusRule");
            objects.put((String) ((Map<?, ?>) doc.get("metadata")).get("name"), ((Map<?, ?>) doc.get("spec")).get("groups"));
        }
        List<Path> ruleFiles;
        try (Stream<Path> list = Files.list(ROOT.resolve("infra/observability/prometheus/rules"))) {
            ruleFiles = list.filter(p -> p.toString().endsWith(".yml")).toList();
        }
        assertThat(objects.keySet()).as("one PrometheusRule per rule file; run to-prometheus-rules.sh")
                .containsExactlyInAnyOrderElementsOf(ruleFiles.stream()
                        .map(p -> p.getFileName().toString().replace(".yml", "")).toList());
        for (Path file : ruleFiles) {
            Object groups = documents(file).get(0).get("groups");
            assertThat(objects.get(file.getFileName().toString().replace(".yml", "")))
                    .as("%s differs from its PrometheusRule: run infra/observability/prometheus/to-prometheus-rules.sh", file)
                    .isEqualTo(groups);
        }
    }

    @Test
    void everyServiceHasAServiceMonitorOnItsMetricsEndpoint() throws IOException {
        Set<String> monitored = new HashSet<>();
        for (Map<String, Object> doc : documents(ROOT.resolve("k8s/observability/servicemonitors.yaml"))) {
            assertThat(doc.get("kind")).isEqualTo("ServiceMonitor");
            String name = (String) ((Map<?, ?>) doc.get("metadata")).get("name");
            Map<?, ?> spec = (Map<?, ?>) doc.get("spec");
            assertThat(((Map<?, ?>) ((Map<?, ?>) spec.get("selector")).get("matchLabels")).get("app.kubernetes.io/name"))
                    .isEqualTo(name);
            Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) spec.get("endpoints")).get(0);
            assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
            assertThat(endpoint.get("port")).isEqualTo("http");
            // the Service it selects exists in the base, with a port named http
            String service = Files.readString(ROOT.resolve("k8s/base/services/" + name + ".yaml"));
            assertThat(service).contains("app.kubernetes.io/name: " + name).contains("name: http");
            monitored.add(name);
        }
        assertThat(monitored).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void theDashboardsLoadAndEveryPanelQueriesSomething() throws IOException {
        List<Path> dashboards;
        try (Stream<Path> list = Files.list(ROOT.resolve("infra/observability/grafana/dashboards"))) {
            dashboards = list.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
        Set<String> uids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path file : dashboards) {
            Map<String, Object> dashboard = documents(file).get(0); // JSON is YAML
            assertThat(uids.add((String) dashboard.get("uid"))).as("unique uid in %s", file).isTrue();
            for (Object p : (List<?>) dashboard.get("panels")) {
                Map<?, ?> panel = (Map<?, ?>) p;
                List<?> targets = (List<?>) panel.get("targets");
                if (targets == null || targets.isEmpty()
                        || targets.stream().anyMatch(t -> String.valueOf(((Map<?, ?>) t).get("expr")).isBlank())) {
                    problems.add(file.getFileName() + ": panel '" + panel.get("title") + "' queries nothing");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file)) {
            for (Object doc : new Yaml().loadAll(in)) {
                if (doc != null) {
                    docs.add((Map<String, Object>) doc);
                }
            }
        }
        return docs;
    }
}
