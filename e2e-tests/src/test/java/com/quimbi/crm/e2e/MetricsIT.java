package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

/**
 * What operators are promised on {@code /actuator/prometheus}: every metric the alert rules and dashboards in
 * infra/observability use is really exported by the running services, and no metric's series multiply with the
 * number of agents, tickets or customers (one series per user would drown Prometheus).
 */
class MetricsIT {

    static final Path OBSERVABILITY = Path.of("..", "infra", "observability");
    /** Metrics a family of which appears only once something happened (a parked event, a failed lag read). */
    static final Set<String> ON_FIRST_OCCURRENCE = Set.of("crm_events_dead_lettered_total",
            "crm_consumer_lag_read_failures_total");
    static final Pattern METRIC = Pattern.compile(
            "\\b((?:http_server|hikaricp|jvm|disk|crm|resilience4j|process|spring_kafka)_[a-z0-9_]+)\\b");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyMetricTheAlertRulesAndDashboardsUseIsExported() throws IOException {
        Set<String> used = usedMetrics();
        assertThat(used).contains("crm_outbox_unrelayed_age_seconds", "crm_consumer_lag_records",
                "http_server_requests_seconds_bucket");
        // the consumer lag is read every 15 s and consumers must have handled an event: wait for a full picture
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        createTicket(agent, "metrics.warmup@example.com");
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            scrapeAll().values().forEach(series -> series.keySet().forEach(s -> exported.add(name(s))));
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(exported);
            missing.removeAll(ON_FIRST_OCCURRENCE);
            assertThat(missing).as("metrics used by infra/observability but exported by no service").isEmpty();
        });
    }

    @Test
    void noMetricGrowsWithTheNumberOfAgentsTicketsOrCustomers() {
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        int entities = 8;
        // a warm-up first, so every route, status, partition (3 per topic) and listener thread the loop uses already
        // has its series: bounded tags appear on first use; a per-entity tag keeps growing below
        for (int i = 0; i < 20; i++) {
            createAgent(admin);
            createTicket(agent, "metrics-" + UUID.randomUUID() + "@example.com");
        }
        Awaitility.await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).until(() -> true);
        Map<String, Integer> before = seriesPerMetric();

        for (int i = 0; i < entities; i++) {
            createAgent(admin);
            createTicket(agent, "metrics-" + UUID.randomUUID() + "@example.com");
        }
        // let the consumers handle the events (their metrics are what could grow per ticket)
        Awaitility.await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        Map<String, Integer> after = seriesPerMetric();

        Map<String, Integer> grown = new HashMap<>();
        after.forEach((metric, count) -> {
            int growth = count - before.getOrDefault(metric, 0);
            if (growth >= entities) {
                grown.put(metric, growth);
            }
        });
        assertThat(grown).as("metric families whose series grew with %d agents, tickets and customers", entities)
                .isEmpty();
    }

    static void createAgent(Api admin) {
        String username = "metrics" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = AuthorizationMatrixIT.notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Mia","lastName":"Metrics","role":"agent",
                 "team":"returns","skills":["returns"],"languages":["en"],"initialPassword":"mia-pass-1234",
                 "temporaryPassword":false}""".formatted(username, username)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    static void createTicket(Api agent, String customer) {
        Api.Reply created = AuthorizationMatrixIT.notLimited(() -> agent.post("/api/tickets", """
                {"subject":"Counting series","description":"Does any metric grow per ticket?",
                 "priority":"normal","channel":"email","customerEmail":"%s"}""".formatted(customer)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /** Series per metric family, summed over every service. */
    static Map<String, Integer> seriesPerMetric() {
        Map<String, Integer> counts = new HashMap<>();
        scrapeAll().values().forEach(series -> series.keySet().forEach(s -> counts.merge(name(s), 1, Integer::sum)));
        return counts;
    }

    /** service → (series line without its value → value) */
    static Map<String, Map<String, String>> scrapeAll() {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (String service : E2eStack.SERVICES) {
            all.put(service, scrape(E2eStack.get().serviceUrl(service) + "/actuator/prometheus"));
        }
        return all;
    }

    static Map<String, String> scrape(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            Map<String, String> series = new HashMap<>();
            response.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(line -> {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), line.substring(space + 1));
            });
            return series;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String name(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series.trim() : series.substring(0, brace);
    }

    /** Metric names in the rules' and dashboards' expressions (recording rules, with a colon, are not scraped). */
    static Set<String> usedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(OBSERVABILITY)) {
            files = walk.filter(p -> p.toString().contains("rules") && p.toString().endsWith(".yml")
                    || p.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            Matcher m = METRIC.matcher(Files.readString(file));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
