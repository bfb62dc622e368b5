package com.quimbi.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;
import com.quimbi.crm.devstack.ServiceProcess;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Report latency of every {@code /api/analytics/**} endpoint over a history of 1,000,000 tickets, and the time of a
 * rebuild from the stream.
 *
 * <pre>./mvnw -B -ntp -q -pl bench exec:exec -Dexec.executable=java -Dexec.args="-cp %classpath \
 *     com.quimbi.crm.bench.AnalyticsQueryBench --tickets 1000000 --requests 100 --rebuild-tickets 20000"</pre>
 *
 * <ol>
 * <li>Starts a stack of its own with analytics-service only (free ports; Flyway migrates the analytics database).</li>
 * <li>Seeds the facts and aggregates straight into analytics' tables with {@link AnalyticsSeeder} (SQL in bulk).</li>
 * <li>Measures each endpoint one request at a time, straight to analytics-service with a real supervisor token
 * (the gateway adds its own hop and rate limit), 20 warm-up requests then {@code --requests} timed ones, each on a
 * random window of the history (30 days, the default range, unless the scenario says otherwise).</li>
 * <li>Rebuild: produces {@code --rebuild-tickets} ticket lives as contract events to the topics (ticket.created,
 * assignment.assigned, an agent's message.added, ticket.status_changed to solved, sla.met: 5 events each), then at
 * once times {@code POST /api/analytics/rebuild?confirm=true} as the admin (the rebuild stops the live listeners
 * first and replays every topic from its beginning, whatever they had consumed).
 * The seeded million is not on the stream, so the rebuild replaces it with the streamed tickets only.</li>
 * </ol>
 */
public final class AnalyticsQueryBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Scenario(String name, Function<SplittableRandom, String> path) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "1000000"));
        int days = Integer.parseInt(options.getOrDefault("days", "730"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "100"));
        int rebuildTickets = Integer.parseInt(options.getOrDefault("rebuild-tickets", "20000"));
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "bench-analytics-query-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("analytics-service"))
                .serviceJvmArgs(options.containsKey("service-jvm")
                        ? List.of(options.get("service-jvm").trim().split("[,\\s]+")) : ServiceProcess.DEFAULT_JVM_ARGS)
                .build());
        try {
            System.out.println("load average before seeding: " + loadAverage());
            String db = stack.postgres().jdbcUrl("analytics");
            long seedStart = System.nanoTime();
            String seeded = AnalyticsSeeder.seed(db, "analytics_service", "analytics_service", tickets,
                    Math.max(100, tickets / 10), days);
            System.out.printf("seeded in %.1f s: %s%n", (System.nanoTime() - seedStart) / 1e9, seeded);
            String service = stack.serviceUrl("analytics-service");
            List<Scenario> scenarios = scenarios(days);
            System.out.println("load average before the queries: " + loadAverage());
            List<String> rows = new ArrayList<>();
            String only = options.getOrDefault("only", ".*");
            for (Scenario s : scenarios) {
                if (!s.name().matches(only)) {
                    continue;
                }
                // 5-minute tokens: renewed for each scenario and within one when it runs long
                java.util.function.Supplier<String> token = new java.util.function.Supplier<>() {
                    private String value;
                    private long at;

                    @Override
                    public String get() {
                        if (value == null || System.nanoTime() - at > TimeUnit.MINUTES.toNanos(4)) {
                            value = stack.keycloak().accessToken("sara.supervisor", "sara-demo-pass");
                            at = System.nanoTime();
                        }
                        return value;
                    }
                };
                run(service, token, s, 20, new SplittableRandom(7));
                long[] latencies = run(service, token, s, requests, new SplittableRandom(11));
                String row = String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |%s", s.name(), requests,
                        ms(TicketCreateBench.percentile(latencies, 50)), ms(TicketCreateBench.percentile(latencies, 95)),
                        ms(TicketCreateBench.percentile(latencies, 99)), ms(latencies[latencies.length - 1]),
                        TicketCreateBench.percentile(latencies, 95) > TimeUnit.MILLISECONDS.toNanos(50) ? " over 50 ms |" : " |");
                System.out.println(row);
                rows.add(row);
            }
            System.out.println("load average after the queries: " + loadAverage());
            System.out.println("\n| scenario | requests | p50 ms | p95 ms | p99 ms | max ms | |");
            System.out.println("|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
            if (rebuildTickets > 0) {
                rebuild(stack, service, rebuildTickets, tickets);
            }
        } finally {
            stack.close();
        }
    }

    static List<Scenario> scenarios(int historyDays) {
        String agent = AnalyticsSeeder.agent(7);
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario("tickets/summary", r -> "/api/analytics/tickets/summary"));
        list.add(new Scenario("agents/{id} (30 d)", r -> "/api/analytics/agents/"
                + AnalyticsSeeder.agent(r.nextInt(AnalyticsSeeder.AGENTS)) + window(r, historyDays, 30, "")));
        list.add(new Scenario("agents/{id} (366 d)", r -> "/api/analytics/agents/" + agent + window(r, historyDays, 366, "")));
        list.add(new Scenario("agents/{id}/today", r -> "/api/analytics/agents/"
                + AnalyticsSeeder.agent(r.nextInt(AnalyticsSeeder.AGENTS)) + "/today"));
        list.add(new Scenario("team, by agent (30 d)", r -> "/api/analytics/team" + window(r, historyDays, 30, "")));
        list.add(new Scenario("team, by skill (366 d)", r -> "/api/analytics/team" + window(r, historyDays, 366, "&groupBy=skill")));
        list.add(new Scenario("leaderboard first_reply_time, one team (30 d)", r -> "/api/analytics/leaderboard"
                + window(r, historyDays, 30, "&metric=first_reply_time&team=team-" + r.nextInt(6))));
        list.add(new Scenario("tickets/volume by day, Europe/Berlin (30 d)", r -> "/api/analytics/tickets/volume"
                + window(r, historyDays, 30, "&interval=day&zone=Europe/Berlin")));
        list.add(new Scenario("tickets/volume by month (366 d)", r -> "/api/analytics/tickets/volume"
                + window(r, historyDays, 366, "&interval=month")));
        list.add(new Scenario("tickets/channels (30 d)", r -> "/api/analytics/tickets/channels" + window(r, historyDays, 30, "")));
        list.add(new Scenario("tickets/channels (366 d)", r -> "/api/analytics/tickets/channels" + window(r, historyDays, 366, "")));
        // Tokyo's days do not start at UTC midnight: the ticket rows (covering index on created_at), not the rollup
        list.add(new Scenario("tickets/channels, Asia/Tokyo (30 d, ticket rows)", r -> "/api/analytics/tickets/channels"
                + window(r, historyDays, 30, "&zone=Asia/Tokyo")));
        list.add(new Scenario("tickets/categories (30 d)", r -> "/api/analytics/tickets/categories" + window(r, historyDays, 30, "")));
        list.add(new Scenario("tickets/resolution (30 d)", r -> "/api/analytics/tickets/resolution" + window(r, historyDays, 30, "")));
        list.add(new Scenario("tickets/resolution, one team (30 d)", r -> "/api/analytics/tickets/resolution"
                + window(r, historyDays, 30, "&team=team-" + r.nextInt(6))));
        list.add(new Scenario("tickets/resolution, one team (366 d)", r -> "/api/analytics/tickets/resolution"
                + window(r, historyDays, 366, "&team=team-" + r.nextInt(6))));
        list.add(new Scenario("tickets/resolution (366 d)", r -> "/api/analytics/tickets/resolution" + window(r, historyDays, 366, "")));
        list.add(new Scenario("sla/compliance by priority (30 d)", r -> "/api/analytics/sla/compliance"
                + window(r, historyDays, 30, "&groupBy=priority")));
        list.add(new Scenario("sla/compliance by team (30 d)", r -> "/api/analytics/sla/compliance"
                + window(r, historyDays, 30, "&groupBy=team")));
        list.add(new Scenario("customers/top (30 d)", r -> "/api/analytics/customers/top" + window(r, historyDays, 30, "")));
        list.add(new Scenario("customers/churn", r -> "/api/analytics/customers/churn"));
        list.add(new Scenario("customers/vip (30 d)", r -> "/api/analytics/customers/vip" + window(r, historyDays, 30, "")));
        list.add(new Scenario("customers/repeat-issues (30 d)", r -> "/api/analytics/customers/repeat-issues"
                + window(r, historyDays, 30, "")));
        list.add(new Scenario("targets (30 d)", r -> "/api/analytics/targets" + window(r, historyDays, 30, "")));
        list.add(new Scenario("team, by agent, CSV (30 d)", r -> "CSV:/api/analytics/team" + window(r, historyDays, 30, "")));
        return list;
    }

    /** A random range of {@code span} days inside the seeded history. */
    static String window(SplittableRandom r, int historyDays, int span, String more) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int back = r.nextInt(Math.max(1, historyDays - span));
        LocalDate to = today.minusDays(back);
        return "?from=" + to.minusDays(span - 1L) + "&to=" + to + more;
    }

    static long[] run(String service, java.util.function.Supplier<String> token, Scenario s, int requests,
            SplittableRandom random) throws Exception {
        long[] latencies = new long[requests];
        for (int i = 0; i < requests; i++) {
            String path = s.path().apply(random);
            boolean csv = path.startsWith("CSV:");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service + path.replaceFirst("^CSV:", "")))
                    .header("Authorization", "Bearer " + token.get()).timeout(Duration.ofSeconds(60));
            if (csv) {
                request.header("Accept", "text/csv");
            }
            long start = System.nanoTime();
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(s.name() + ": " + response.statusCode() + " " + response.body());
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /** Ticket lives on the topics, consumed live, then a timed rebuild of everything on the stream. */
    static void rebuild(LocalStack stack, String service, int count, long seeded) throws Exception {
        String agent = UUID.randomUUID().toString();
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 131072), new StringSerializer(),
                new StringSerializer())) {
            java.time.Instant at = java.time.Instant.now().minus(Duration.ofDays(20));
            for (int i = 0; i < count; i++) {
                for (AnalyticsEvents.Event e : AnalyticsEvents.life(UUID.randomUUID(), agent, i, at.plusSeconds(i * 60L))) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), e.json());
                    record.headers().add("eventType", e.type().getBytes());
                    producer.send(record);
                }
            }
            producer.flush();
        }
        System.out.printf("rebuild: %,d ticket lives (%,d events) produced in %.1f s%n", count,
                count * AnalyticsEvents.EVENTS_PER_LIFE, (System.nanoTime() - start) / 1e9);
        System.out.println("load average before the rebuild: " + loadAverage());
        String admin = stack.keycloak().accessToken("adam.admin", "adam-demo-pass");
        long rebuildStart = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(service + "/api/analytics/rebuild?confirm=true")).header("Authorization", "Bearer " + admin)
                .timeout(Duration.ofHours(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - rebuildStart) / 1e9;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("rebuild: " + response.statusCode() + " " + response.body());
        }
        JsonNode result = JSON.readTree(response.body());
        long events = result.path("events").asLong();
        System.out.printf("rebuild: %s in %.1f s (client) = %.0f events/s; a history of 1,000,000 tickets at %d "
                + "events each would take ~%.0f min at this rate; load average after: %s%n", result, seconds,
                events / seconds, AnalyticsEvents.EVENTS_PER_LIFE,
                1_000_000.0 * AnalyticsEvents.EVENTS_PER_LIFE / (events / seconds) / 60, loadAverage());
        String supervisor = stack.keycloak().accessToken("sara.supervisor", "sara-demo-pass");
        System.out.println("rebuild: tickets counted after it: " + total(service, supervisor) + " of " + count
                + " streamed (the seeded history is not on the stream)");
    }

    static long total(String service, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(service + "/api/analytics/tickets/summary")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("total").asLong();
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "(unknown)";
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
