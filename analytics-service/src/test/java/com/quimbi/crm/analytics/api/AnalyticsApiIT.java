package com.quimbi.crm.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.analytics.Scenario;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API with real Keycloak tokens over a scenario's facts: roles, JSON and CSV, range problems, the rebuild. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AnalyticsApiIT {

    static final String RANGE = "from=2026-11-20&to=2026-11-20";
    static Scenario scenario;
    static String supervisor;
    static String agent;
    static String admin;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeAll
    static void tokens() {
        supervisor = DemoUser.SUPERVISOR.token();
        agent = DemoUser.AGENT.token();
        admin = DemoUser.ADMIN.token();
    }

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        if (scenario == null) {
            scenario = new Scenario();
            scenario.deliver();
        }
        // the ticket's row appears only once its first event is consumed
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM presence_interval WHERE agent_id = ?", Long.class, scenario.agentA) == 1
                && jdbc.queryForList("SELECT status FROM ticket_fact WHERE ticket_id = ?", String.class,
                        scenario.ticketId).contains("solved"));
    }

    @Test
    void anAgentsNumbersForSupervisorsAndForThemselvesOnly() {
        Api.Reply reply = api.as(supervisor).get("/api/analytics/agents/" + scenario.agentB + "?" + RANGE);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode b = reply.json();
        assertThat(b.path("ticketsSolved").asLong()).isEqualTo(1);
        assertThat(b.path("nextReplyAvgSeconds").asDouble()).isEqualTo(1200.0);
        assertThat(b.path("team").asString()).isEqualTo(scenario.team);
        JsonNode a = api.as(supervisor).get("/api/analytics/agents/" + scenario.agentA + "?" + RANGE).json();
        assertThat(a.path("occupancy").asDouble()).isEqualTo(28 * 60.0 / (8 * 3600));

        assertThat(api.as(agent).get("/api/analytics/agents/" + scenario.agentA + "?" + RANGE).status()).isEqualTo(403);
        assertThat(api.as(agent).get("/api/analytics/agents/" + subject(agent) + "?" + RANGE).status()).isEqualTo(200);
        assertThat(api.as(agent).get("/api/analytics/agents/" + subject(agent) + "/today").status()).isEqualTo(200);
        assertThat(api.get("/api/analytics/agents/" + scenario.agentA).status()).isEqualTo(401);
    }

    @Test
    void everyListAnswersJsonAndCsvForSupervisorsOnly() {
        for (String path : List.of("/api/analytics/team?" + RANGE, "/api/analytics/team?groupBy=team&" + RANGE, "/api/analytics/team?groupBy=skill&" + RANGE,
                "/api/analytics/leaderboard?minVolume=0&" + RANGE,
                "/api/analytics/tickets/volume?interval=week&zone=Europe/Berlin&" + RANGE,
                "/api/analytics/tickets/channels?" + RANGE, "/api/analytics/tickets/categories?" + RANGE,
                "/api/analytics/tickets/resolution?" + RANGE, "/api/analytics/sla/compliance?groupBy=priority&" + RANGE,
                "/api/analytics/customers/top?" + RANGE, "/api/analytics/customers/churn",
                "/api/analytics/customers/vip?" + RANGE, "/api/analytics/customers/repeat-issues?" + RANGE,
                "/api/analytics/targets?" + RANGE)) {
            Api.Reply json = api.as(supervisor).get(path);
            assertThat(json.status()).as(path + " " + json).isEqualTo(200);
            assertThat(json.contentType()).as(path).startsWith("application/json");
            Api.Reply csv = api.as(supervisor).send(api.as(supervisor).request(path).header("Accept", "text/csv").GET());
            assertThat(csv.status()).as(path + " " + csv).isEqualTo(200);
            assertThat(csv.contentType()).as(path).startsWith("text/csv");
            assertThat(api.as(agent).get(path).status()).as(path).isEqualTo(403);
        }
    }

    @Test
    void theNumbersFollowTheScenario() {
        JsonNode team = api.as(supervisor).get("/api/analytics/team?team=" + scenario.team + "&" + RANGE).json();
        assertThat(team.path("items")).hasSize(2);
        String csv = api.as(supervisor).send(api.as(supervisor)
                .request("/api/analytics/team?team=" + scenario.team + "&" + RANGE).header("Accept", "text/csv").GET())
                .body();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("agentId,name,team,from,to,activeDays");
        assertThat(csv.lines().count()).isEqualTo(3);

        JsonNode board = api.as(supervisor).get("/api/analytics/leaderboard?metric=tickets_solved&minVolume=1&team="
                + scenario.team + "&" + RANGE).json();
        assertThat(board.path("ranked").get(0).path("agentId").asString()).isEqualTo(scenario.agentB);
        assertThat(board.path("unranked").get(0).path("agentId").asString()).isEqualTo(scenario.agentA);

        JsonNode volume = api.as(supervisor).get("/api/analytics/tickets/volume?interval=day&zone=Asia/Tokyo&" + RANGE)
                .json();
        assertThat(volume.path("items").findValuesAsString("bucket")).contains("2026-11-20");

        // business time (default Mon–Fri 09:00–17:00 UTC): created Friday 08:01, answered 08:10, solved 08:45 — all
        // before opening, so 540 s of calendar time and none of business time; CSAT has no source yet
        JsonNode resolution = api.as(supervisor).get("/api/analytics/tickets/resolution?team=" + scenario.team + "&"
                + RANGE).json();
        assertThat(resolution.path("resolved").asLong()).isEqualTo(1);
        assertThat(resolution.path("firstReplyAvgSeconds").asDouble()).isEqualTo(540.0);
        assertThat(resolution.path("firstReplyBusinessAvgSeconds").asDouble()).isEqualTo(0.0);
        assertThat(resolution.path("resolutionBusinessP95Seconds").asDouble()).isEqualTo(0.0);
        assertThat(resolution.path("csatRatings").asLong()).isZero();
        assertThat(resolution.path("csatAverage").isNumber()).isFalse(); // null (omitted)
        JsonNode agentA = api.as(supervisor).get("/api/analytics/agents/" + scenario.agentA + "?" + RANGE).json();
        assertThat(agentA.path("firstReplyAvgSeconds").asDouble()).isEqualTo(540.0);
        assertThat(agentA.path("firstReplyBusinessAvgSeconds").asDouble()).isEqualTo(0.0);

        JsonNode sla = api.as(supervisor).get("/api/analytics/sla/compliance?" + RANGE).json();
        assertThat(sla.path("items").findValuesAsString("metric")).contains("first_response");
        // by priority: the outcome carries the ticket's priority (kept on sla_outcome, no join with ticket_fact)
        JsonNode byPriority = api.as(supervisor).get("/api/analytics/sla/compliance?groupBy=priority&" + RANGE).json();
        assertThat(byPriority.path("items").findValuesAsString("group")).contains("high").doesNotContain("unknown");

        JsonNode churn = api.as(supervisor).get("/api/analytics/customers/churn").json();
        assertThat(churn.path("items").findValuesAsString("customerId")).doesNotContain(scenario.customerId.toString());
        // a ticket still open, enriched with high churn risk: its customer is listed with it
        Scenario open = new Scenario();
        open.events.subList(0, 5).forEach(Scenario::send);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode atRisk = api.as(supervisor).get("/api/analytics/customers/churn?limit=500").json();
            assertThat(atRisk.path("items").findValuesAsString("customerId")).contains(open.customerId.toString());
        });
        String churnCsv = api.as(supervisor).send(api.as(supervisor).request("/api/analytics/customers/churn?limit=500")
                .header("Accept", "text/csv").GET()).body();
        assertThat(churnCsv).contains(open.customerId + ",vip,0.9,high,1," + open.ticketId);

        JsonNode vip = api.as(supervisor).get("/api/analytics/customers/vip?" + RANGE).json();
        assertThat(vip.path("items").get(0).path("segment").asString()).isEqualTo("vip");
        assertThat(vip.path("items").get(0).path("tickets").asLong()).isPositive();

        JsonNode targets = api.as(supervisor).get("/api/analytics/targets?team=" + scenario.team + "&" + RANGE).json();
        assertThat(targets.path("items")).hasSize(5);
        assertThat(targets.path("items").get(4).path("status").asString()).isEqualTo("no_data");
        // a percentile from the rollup's histogram: within 4 % (README "Percentiles from rollups")
        assertThat(targets.path("items").get(0).path("actual").asDouble()).isCloseTo(540.0, within(540 * 0.04));
    }

    /**
     * The reports read ticket_rollup for ranges of whole UTC days and the ticket rows otherwise (here Tokyo's days,
     * or priority and team together): the same counts and averages, percentiles within 4 %.
     */
    @Test
    void theRollupAndTheTicketRowsGiveTheSameNumbers() {
        String team = "/api/analytics/tickets/resolution?team=" + scenario.team + "&" + RANGE;
        JsonNode rollup = api.as(supervisor).get(team).json();
        JsonNode rows = api.as(supervisor).get(team + "&zone=Asia/Tokyo").json();
        JsonNode both = api.as(supervisor).get(team + "&priority=high").json();
        for (JsonNode exact : List.of(rows, both)) {
            for (String field : List.of("resolved", "avgSeconds", "firstReplyAvgSeconds", "agentWorkAvgSeconds",
                    "oneTouchRate", "reopenRate", "resolutionBusinessAvgSeconds")) {
                assertThat(exact.path(field).asDouble()).as(field).isEqualTo(rollup.path(field).asDouble());
            }
            assertThat(rollup.path("p95Seconds").asDouble()).isCloseTo(exact.path("p95Seconds").asDouble(),
                    within(exact.path("p95Seconds").asDouble() * 0.04));
            assertThat(exact.path("distribution")).isEqualTo(rollup.path("distribution"));
        }
        assertThat(rollup.path("resolved").asLong()).isEqualTo(1);

        JsonNode channels = api.as(supervisor).get("/api/analytics/tickets/channels?zone=Asia/Tokyo&" + RANGE).json();
        assertThat(channels.path("items").findValuesAsString("value")).isNotEmpty();
        JsonNode categories = api.as(supervisor).get("/api/analytics/tickets/categories?" + RANGE).json();
        assertThat(categories.path("items").findValuesAsString("value")).contains("billing");
        JsonNode vip = api.as(supervisor).get("/api/analytics/customers/vip?zone=Asia/Tokyo&" + RANGE).json();
        assertThat(vip.path("items").findValuesAsString("segment")).contains("everyone");
        assertThat(api.as(supervisor).get("/api/analytics/customers/vip?" + RANGE).json().path("items")
                .findValuesAsString("segment")).contains("everyone");
    }

    @Test
    void theSummaryFollowsStatusChanges() {
        JsonNode summary = api.as(supervisor).get("/api/analytics/tickets/summary").json();
        assertThat(summary.path("byStatus").path("solved").asLong()).isPositive();
        long statusTotal = 0;
        for (JsonNode count : summary.path("byStatus")) {
            statusTotal += count.asLong();
        }
        assertThat(statusTotal).isEqualTo(summary.path("total").asLong());
    }

    @Test
    void theApiDocsListTheRangeParametersOfEveryReport() {
        // the reports take a DateRange bound by DateRangeResolver; OpenAPI shows its query parameters
        JsonNode docs = api.get("/v3/api-docs").json();
        JsonNode volume = docs.path("paths").path("/api/analytics/tickets/volume").path("get").path("parameters");
        assertThat(volume.findValuesAsString("name")).contains("from", "to", "zone", "interval");
        JsonNode team = docs.path("paths").path("/api/analytics/team").path("get").path("parameters");
        assertThat(team.findValuesAsString("name")).contains("from", "to", "groupBy");
    }

    @Test
    void badRangesAreProblems() {
        Api.Reply reversed = api.as(supervisor).get("/api/analytics/team?from=2026-11-21&to=2026-11-20");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.contentType()).startsWith("application/problem+json");
        assertThat(reversed.json().path("errors").get(0).path("field").asString()).isEqualTo("from");
        Api.Reply tooLong = api.as(supervisor).get("/api/analytics/tickets/volume?from=2020-01-01&to=2026-11-20");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").get(0).path("field").asString()).isEqualTo("to");
        assertThat(api.as(supervisor).get("/api/analytics/tickets/volume?zone=Nowhere/Land").status()).isEqualTo(400);
        assertThat(api.as(supervisor).get("/api/analytics/tickets/volume?interval=hour").status()).isEqualTo(400);
        assertThat(api.as(supervisor).get("/api/analytics/leaderboard?metric=luck").status()).isEqualTo(400);
        assertThat(api.as(supervisor).get("/api/analytics/team?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void aRebuildReproducesTheLiveTablesExactly() {
        // the live group reads every topic from the start: wait until it has caught up (nothing changes for 1 s)
        List<Map<String, List<String>>> last = new java.util.ArrayList<>(List.of(Map.of()));
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, List<String>> now = tables();
            boolean stable = now.equals(last.getFirst());
            last.set(0, now);
            return stable;
        });
        Map<String, List<String>> live = last.getFirst();
        assertThat(api.as(supervisor).post("/api/analytics/rebuild", "").status()).isEqualTo(403);

        assertThat(api.as(admin).post("/api/analytics/rebuild", "").status()).isEqualTo(400);
        Api.Reply rebuilt = api.as(admin).post("/api/analytics/rebuild?confirm=true", "");
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        assertThat(rebuilt.json().path("events").asLong()).isPositive();
        assertThat(tables()).isEqualTo(live);

        // and the live listeners run again
        Scenario after = new Scenario();
        after.deliver();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ticket_fact WHERE ticket_id = ? AND status = 'solved'", Long.class,
                after.ticketId) == 1);
    }

    private Map<String, List<String>> tables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : com.quimbi.crm.analytics.rebuild.RebuildService.TABLES) {
            tables.put(table, jdbc.queryForList("SELECT t::text FROM " + table + " t ORDER BY 1", String.class));
        }
        return tables;
    }

    static String subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonMapper.builder().build().readTree(payload).path("sub").asString();
    }

}
