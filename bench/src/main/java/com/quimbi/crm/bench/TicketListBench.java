package com.quimbi.crm.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

import com.quimbi.crm.devstack.LocalStack;
import com.quimbi.crm.devstack.LocalStackSettings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * List and search latency of {@code GET /api/tickets} over a seeded database (1,000,000 tickets by default).
 *
 * <pre>./mvnw -B -ntp -q -pl bench exec:java -Dbench.main=com.quimbi.crm.bench.TicketListBench \
 *     -Dexec.args="--tickets 1000000 --requests 200"</pre>
 *
 * Starts its own stack with ticket-service only (free ports), seeds it with {@link TicketSeeder} (COPY), then
 * for each scenario sends requests one at a time straight to ticket-service with a real Keycloak token
 * (the gateway's rate limit would otherwise be what is measured) and reports p50/p95/p99. Finally prints
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of the SQL each scenario runs (the shape of TicketStore.list).
 */
public final class TicketListBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Scenario(String name, Function<SplittableRandom, String> query, String explain) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = TicketCreateBench.options(args);
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "1000000"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "200"));
        LocalStack stack = LocalStack.start(LocalStackSettings.builder()
                .baseDir(Path.of("target", "bench-list-stack").toAbsolutePath())
                .keepData(false)
                .freePorts()
                .services(List.of("ticket-service"))
                .build());
        try {
            String db = stack.postgres().jdbcUrl("ticket");
            List<UUID> customers = TicketSeeder.seed(db, "ticket_service", "ticket_service", tickets,
                    Math.max(100, tickets / 10), 0.3, 42);
            String service = stack.serviceUrl("ticket-service");
            String token = stack.keycloak().accessToken("alex.agent", "alex-demo-pass");
            List<Scenario> scenarios = scenarios(customers);
            for (Scenario s : scenarios) {
                run(service, token, s, 20, new SplittableRandom(7));
            }
            System.out.println("| scenario | requests | p50 ms | p95 ms | p99 ms | max ms | rows/page |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Scenario s : scenarios) {
                long[] latencies = run(service, token, s, requests, new SplittableRandom(11));
                System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", s.name(), requests,
                        ms(TicketCreateBench.percentile(latencies, 50)), ms(TicketCreateBench.percentile(latencies, 95)),
                        ms(TicketCreateBench.percentile(latencies, 99)), ms(latencies[latencies.length - 1]),
                        rows(service, token, s));
            }
            try (Connection c = DriverManager.getConnection(db, "ticket_service", "ticket_service")) {
                for (Scenario s : scenarios) {
                    if (s.explain() == null) {
                        continue;
                    }
                    System.out.println("\n#### " + s.name() + "\n```");
                    try (Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + s.explain())) {
                        while (rs.next()) {
                            System.out.println(rs.getString(1));
                        }
                    }
                    System.out.println("```");
                }
            }
        } finally {
            stack.close();
        }
    }

    static final String SUMMARY = "SELECT id, number, subject, status, priority, channel, language, customer_id, "
            + "customer_email, assignee_id, category, tags, smart_due, sla_next_deadline, sla_state, created_at, "
            + "updated_at, last_message_at, priority_rank";

    static List<Scenario> scenarios(List<UUID> customers) {
        String[] rare = { "\"wool blanket\"", "\"copper kettle\"", "SAVE42", "\"slate planter\"" };
        String[] common = { "refund", "damaged", "invoice", "courier" };
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario("inbox: status=new,open, smart", r -> "?status=new,open&limit=50",
                SUMMARY + ", NULL::real AS rank FROM ticket WHERE deleted_at IS NULL AND status = ANY ('{new,open}') "
                        + "ORDER BY smart_due, id LIMIT 51"));
        list.add(new Scenario("mine: assignee + status=new,open,pending, smart",
                r -> "?status=new,open,pending&assigneeId=" + TicketSeeder.AGENTS[r.nextInt(TicketSeeder.AGENTS.length)]
                        + "&limit=50",
                SUMMARY + ", NULL::real AS rank FROM ticket WHERE deleted_at IS NULL AND status = ANY "
                        + "('{new,open,pending}') AND assignee_id = '" + TicketSeeder.AGENTS[3]
                        + "' ORDER BY smart_due, id LIMIT 51"));
        list.add(new Scenario("urgent+high, new/open, sort=created",
                r -> "?priority=urgent,high&status=new,open&sort=created&limit=50",
                SUMMARY + ", NULL::real AS rank FROM ticket WHERE deleted_at IS NULL AND status = ANY ('{new,open}') "
                        + "AND priority = ANY ('{urgent,high}') ORDER BY created_at DESC, id DESC LIMIT 51"));
        list.add(new Scenario("tag + status=new,open, smart",
                r -> "?tag=" + TicketSeeder.TAGS[r.nextInt(TicketSeeder.TAGS.length)] + "&status=new,open&limit=50",
                SUMMARY + ", NULL::real AS rank FROM ticket WHERE deleted_at IS NULL AND status = ANY ('{new,open}') "
                        + "AND tags @> ARRAY['refund']::text[] ORDER BY smart_due, id LIMIT 51"));
        list.add(new Scenario("customer's tickets, sort=created",
                r -> "?customerId=" + customers.get(r.nextInt(customers.size())) + "&sort=created&limit=50",
                SUMMARY + ", NULL::real AS rank FROM ticket WHERE deleted_at IS NULL AND customer_id = '"
                        + customers.get(5) + "' ORDER BY created_at DESC, id DESC LIMIT 51"));
        list.add(new Scenario("everything, sort=updated", r -> "?sort=updated&limit=50",
                SUMMARY + ", NULL::real AS rank FROM ticket WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC "
                        + "LIMIT 51"));
        list.add(new Scenario("created range (one week), sort=created",
                r -> "?createdFrom=" + java.time.Instant.now().minus(Duration.ofDays(30 + r.nextInt(600)))
                        + "&createdTo=" + java.time.Instant.now().minus(Duration.ofDays(23)) + "&sort=created&limit=50",
                null));
        list.add(new Scenario("search, rare phrase (relevance)", r -> "?q=" + enc(rare[r.nextInt(rare.length)]) + "&limit=50",
                relevance("'\"wool blanket\"'")));
        list.add(new Scenario("search, common word (relevance)", r -> "?q=" + enc(common[r.nextInt(common.length)]) + "&limit=50",
                relevance("'refund'")));
        list.add(new Scenario("search common word + status=new,open, smart",
                r -> "?q=" + enc(common[r.nextInt(common.length)]) + "&status=new,open&sort=smart&limit=50",
                SUMMARY + ", ts_rank(search, websearch_to_tsquery('simple', 'damaged')) AS rank FROM ticket "
                        + "WHERE deleted_at IS NULL AND search @@ websearch_to_tsquery('simple', 'damaged') "
                        + "AND status = ANY ('{new,open}') ORDER BY smart_due, id LIMIT 51"));
        list.add(new Scenario("inbox page 10 (keyset cursor)", r -> "CURSOR:?status=new,open&limit=50", null));
        return list;
    }

    /** The shape of TicketStore.listByRelevance: rank the 1000 most recent matches. */
    static String relevance(String q) {
        return "SELECT * FROM (" + SUMMARY + ", ts_rank(search, websearch_to_tsquery('simple', " + q + ")) AS rank "
                + "FROM (" + SUMMARY + ", search FROM ticket WHERE deleted_at IS NULL AND search @@ "
                + "websearch_to_tsquery('simple', " + q + ") ORDER BY created_at DESC, id DESC LIMIT 1000) c) r "
                + "ORDER BY rank DESC, id DESC LIMIT 51";
    }

    static long[] run(String service, String token, Scenario s, int requests, SplittableRandom random) throws Exception {
        long[] latencies = new long[requests];
        for (int i = 0; i < requests; i++) {
            String query = s.query().apply(random);
            if (query.startsWith("CURSOR:")) {
                // walk 9 pages, time the 10th
                String q = query.substring("CURSOR:".length());
                String cursor = null;
                for (int p = 0; p < 9; p++) {
                    cursor = JSON.readTree(get(service, token, q + (cursor == null ? "" : "&cursor=" + cursor)).body())
                            .path("nextCursor").asString();
                }
                query = q + "&cursor=" + cursor;
            }
            long start = System.nanoTime();
            HttpResponse<String> response = get(service, token, query);
            latencies[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(s.name() + ": " + response.statusCode() + " " + response.body());
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    static String rows(String service, String token, Scenario s) throws Exception {
        String query = s.query().apply(new SplittableRandom(3));
        if (query.startsWith("CURSOR:")) {
            return "50";
        }
        JsonNode json = JSON.readTree(get(service, token, query).body());
        return String.valueOf(json.path("items").size());
    }

    static HttpResponse<String> get(String service, String token, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service + "/api/tickets" + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

}
