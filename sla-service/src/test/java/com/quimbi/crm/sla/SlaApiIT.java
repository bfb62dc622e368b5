package com.quimbi.crm.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.sla.clock.SlaClockService;
import com.quimbi.crm.sla.policy.TicketAttributes;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;

/** The SLA API with real Keycloak tokens: agents read, admins change; bad input is a 400 problem, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SlaApiIT {

    static final String DEFAULT_CALENDAR = "00000000-0000-7000-8000-000000000ca1";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    SlaClockService clocks;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
    }

    Api.Reply put(Api client, String path, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Api.Reply delete(Api client, String path) {
        return client.send(client.request(path).DELETE());
    }

    static List<String> errorFields(Api.Reply reply) {
        return reply.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList();
    }

    static final String BERLIN = """
            {"name":"Berlin support","timezone":"Europe/Berlin",
             "weeklyHours":{"mon":[{"start":"08:00","end":"12:00"},{"start":"13:00","end":"17:00"}],"fri":[{"start":"08:00","end":"14:00"}]},
             "holidays":[{"date":"2026-12-25","name":"Weihnachten"}]}""";

    @Test
    void theDefaultsShipWithAFreshSystemAndEveryoneCanReadThem() {
        Api.Reply policies = api.as(DemoUser.AGENT).get("/api/sla/policies");
        assertThat(policies.status()).as(policies.toString()).isEqualTo(200);
        assertThat(policies.json().valueStream().map(p -> p.path("name").asString()))
                .contains("Urgent (24/7)", "High", "Normal", "Low");
        JsonNode urgent = policies.json().valueStream().filter(p -> p.path("name").asString().equals("Urgent (24/7)"))
                .findFirst().orElseThrow();
        assertThat(urgent.path("targets").valueStream().map(t -> t.path("metric").asString() + "=" + t.path("target").asString()))
                .contains("first_response=PT1H");
        Api.Reply calendar = api.as(DemoUser.SUPERVISOR).get("/api/sla/calendars/" + DEFAULT_CALENDAR);
        assertThat(calendar.status()).isEqualTo(200);
        assertThat(calendar.json().path("timezone").asString()).isEqualTo("UTC");
        assertThat(calendar.json().path("weeklyHours").path("mon").get(0).path("start").asString()).isEqualTo("09:00");
        assertThat(api.get("/api/sla/policies").status()).isEqualTo(401);
    }

    @Test
    void onlyAdminsChangeCalendarsAndPolicies() {
        assertThat(api.as(DemoUser.AGENT).post("/api/sla/calendars", BERLIN).status()).isEqualTo(403);
        assertThat(api.as(DemoUser.SUPERVISOR).post("/api/sla/calendars", BERLIN).status()).isEqualTo(403);
        Api.Reply created = api.as(DemoUser.ADMIN).post("/api/sla/calendars", BERLIN);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/sla/calendars/" + id);
        assertThat(created.json().path("weeklyHours").path("mon").size()).isEqualTo(2);

        String policy = """
                {"name":"VIP chat","position":5,"conditions":{"customerTiers":["vip"],"channels":["chat"]},
                 "targets":[{"metric":"first_response","target":"PT30M","businessHours":true,"calendarId":"%s"},
                            {"metric":"resolution","target":"P2D","businessHours":false}],
                 "warningThresholds":[90,75]}""".formatted(id);
        assertThat(api.as(DemoUser.SUPERVISOR).post("/api/sla/policies", policy).status()).isEqualTo(403);
        Api.Reply createdPolicy = api.as(DemoUser.ADMIN).post("/api/sla/policies", policy);
        assertThat(createdPolicy.status()).as(createdPolicy.toString()).isEqualTo(201);
        String policyId = createdPolicy.json().path("id").asString();
        assertThat(createdPolicy.json().path("warningThresholds").toString()).isEqualTo("[75,90]");

        // the calendar is in use: 409; once the policy is gone it can go
        Api.Reply inUse = delete(api.as(DemoUser.ADMIN), "/api/sla/calendars/" + id);
        assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
        assertThat(inUse.contentType()).contains("application/problem+json");
        assertThat(delete(api.as(DemoUser.AGENT), "/api/sla/policies/" + policyId).status()).isEqualTo(403);
        assertThat(delete(api.as(DemoUser.ADMIN), "/api/sla/policies/" + policyId).status()).isEqualTo(204);
        assertThat(delete(api.as(DemoUser.ADMIN), "/api/sla/calendars/" + id).status()).isEqualTo(204);
        assertThat(api.as(DemoUser.AGENT).get("/api/sla/calendars/" + id).status()).isEqualTo(404);
        assertThat(delete(api.as(DemoUser.ADMIN), "/api/sla/calendars/" + DEFAULT_CALENDAR).status()).isEqualTo(409);
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint() {
        Api.Reply docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames()).contains("/api/sla/policies", "/api/sla/policies/{id}",
                "/api/sla/calendars", "/api/sla/calendars/{id}", "/api/sla/calendars/{id}/holidays/import",
                "/api/sla/tickets/{id}", "/api/sla/breaches", "/api/sla/at-risk", "/api/sla/dashboard");
    }

    @Test
    void badCalendarsAreFieldErrors() {
        Api admin = api.as(DemoUser.ADMIN);
        Api.Reply zone = admin.post("/api/sla/calendars", BERLIN.replace("Europe/Berlin", "Europe/Atlantis"));
        assertThat(zone.status()).isEqualTo(400);
        assertThat(errorFields(zone)).containsExactly("timezone");
        Api.Reply overlap = admin.post("/api/sla/calendars", BERLIN.replace("\"13:00\"", "\"11:00\""));
        assertThat(overlap.status()).isEqualTo(400);
        assertThat(errorFields(overlap)).containsExactly("weeklyHours.mon");
        Api.Reply badTime = admin.post("/api/sla/calendars", BERLIN.replace("\"14:00\"", "\"25:00\""));
        assertThat(errorFields(badTime)).containsExactly("weeklyHours.fri[0]");
        Api.Reply badDay = admin.post("/api/sla/calendars", BERLIN.replace("\"fri\"", "\"friday\""));
        assertThat(errorFields(badDay)).containsExactly("weeklyHours.friday");
        Api.Reply noName = admin.post("/api/sla/calendars", BERLIN.replace("Berlin support", ""));
        assertThat(errorFields(noName)).containsExactly("name");
        Api.Reply badDate = admin.post("/api/sla/calendars", BERLIN.replace("2026-12-25", "2026-13-45"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(put(admin, "/api/sla/calendars/" + UUID.randomUUID(), BERLIN).status()).isEqualTo(404);
        assertThat(admin.get("/api/sla/calendars/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void badPoliciesAreFieldErrors() {
        Api admin = api.as(DemoUser.ADMIN);
        String template = """
                {"name":"P","targets":[{"metric":"first_response","target":"%s","businessHours":true,"calendarId":"%s"}]%s}""";
        Api.Reply zero = admin.post("/api/sla/policies", template.formatted("PT0S", DEFAULT_CALENDAR, ""));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(errorFields(zero)).containsExactly("targets[0].target");
        Api.Reply negative = admin.post("/api/sla/policies", template.formatted("-PT1H", DEFAULT_CALENDAR, ""));
        assertThat(errorFields(negative)).containsExactly("targets[0].target");
        Api.Reply unknown = admin.post("/api/sla/policies", template.formatted("PT1H", UUID.randomUUID(), ""));
        assertThat(errorFields(unknown)).containsExactly("targets[0].calendarId");
        Api.Reply metric = admin.post("/api/sla/policies", template.formatted("PT1H", DEFAULT_CALENDAR, "")
                .replace("first_response", "first_reply"));
        assertThat(metric.status()).isEqualTo(400);
        assertThat(metric.body()).contains("first_response");
        Api.Reply thresholds = admin.post("/api/sla/policies", template.formatted("PT1H", DEFAULT_CALENDAR,
                ",\"warningThresholds\":[0,100],\"conditions\":{\"priorities\":[\"asap\"]}"));
        assertThat(errorFields(thresholds)).containsExactlyInAnyOrder("warningThresholds", "conditions.priorities");
        Api.Reply noTargets = admin.post("/api/sla/policies", "{\"name\":\"P\",\"targets\":[]}");
        assertThat(errorFields(noTargets)).containsExactly("targets");
        Api.Reply duration = admin.post("/api/sla/policies", template.formatted("one hour", DEFAULT_CALENDAR, ""));
        assertThat(duration.status()).isEqualTo(400);
        assertThat(admin.get("/api/sla/policies/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(delete(admin, "/api/sla/policies/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void misspelledPropertiesAreRefusedInsteadOfChangingWhatAPolicyMatches() {
        Api admin = api.as(DemoUser.ADMIN);
        String template = """
                {"name":"Strict","targets":[{"metric":"first_response","target":"PT1H","businessHours":false}]%s}""";

        Api.Reply enable = admin.post("/api/sla/policies", template.formatted(",\"enable\":false"));
        assertThat(enable.status()).as(enable.toString()).isEqualTo(400);
        assertThat(errorFields(enable)).containsExactly("enable");
        Api.Reply priority = admin.post("/api/sla/policies",
                template.formatted(",\"conditions\":{\"priority\":[\"urgent\"]}"));
        assertThat(priority.status()).isEqualTo(400);
        assertThat(errorFields(priority)).containsExactly("conditions.priority");
        assertThat(priority.json().path("detail").asString()).contains("priorities");
        Api.Reply target = admin.post("/api/sla/policies", template.formatted("").replace("\"target\"", "\"goal\""));
        assertThat(errorFields(target)).containsExactly("targets[0].goal");
        assertThat(admin.get("/api/sla/policies").body()).doesNotContain("\"Strict\"");

        Api.Reply hours = admin.post("/api/sla/calendars", BERLIN.replace("{\"start\":\"08:00\"", "{\"begin\":\"08:00\""));
        assertThat(hours.status()).isEqualTo(400);
        assertThat(errorFields(hours)).containsExactly("weeklyHours.mon[0].begin");
        String id = admin.post("/api/sla/calendars", BERLIN).json().path("id").asString();
        Api.Reply update = put(admin, "/api/sla/calendars/" + id, BERLIN.replace("\"timezone\"", "\"timeZone\""));
        assertThat(update.status()).isEqualTo(400);
        assertThat(errorFields(update)).containsExactly("timeZone");
    }

    @Test
    void aBodyOverThePlatformLimitIsRefused() {
        Api admin = api.as(DemoUser.ADMIN);
        String id = admin.post("/api/sla/calendars", BERLIN).json().path("id").asString();
        byte[] huge = ("BEGIN:VCALENDAR\r\n" + "X-FILLER:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n".repeat(20_000)
                + "END:VCALENDAR\r\n").getBytes();

        Api.Reply declared = admin.send(admin.request("/api/sla/calendars/" + id + "/holidays/import")
                .header("Content-Type", "text/calendar").POST(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().path("type").asString()).isEqualTo("https://supportcrm.dev/problems/too-large");
        Api.Reply chunked = admin.send(admin.request("/api/sla/calendars/" + id + "/holidays/import")
                .header("Content-Type", "text/calendar")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.contentType()).startsWith("application/problem+json");
    }

    @Test
    void holidaysImportFromAnICalendarFile() {
        Api admin = api.as(DemoUser.ADMIN);
        String id = admin.post("/api/sla/calendars", BERLIN).json().path("id").asString();
        String ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:Neujahr\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        Api.Reply imported = admin.send(admin.request("/api/sla/calendars/" + id + "/holidays/import")
                .header("Content-Type", "text/calendar").POST(HttpRequest.BodyPublishers.ofString(ics)));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().path("holidays").valueStream().map(h -> h.path("date").asString()))
                .containsExactly("2026-12-25", "2027-01-01");
        Api.Reply garbage = admin.send(admin.request("/api/sla/calendars/" + id + "/holidays/import")
                .header("Content-Type", "text/calendar").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(garbage.status()).isEqualTo(400);
    }

    @Test
    void ticketClocksBreachesAtRiskAndTheDashboard() {
        UUID ticket = UUID.randomUUID();
        clocks.ticketCreated(ticket, "#7", "new", new TicketAttributes("urgent", "email", null, null, List.of()),
                Instant.now().minus(Duration.ofHours(2)), UUID.randomUUID());
        UUID risky = UUID.randomUUID();
        clocks.ticketCreated(risky, "#8", "new", new TicketAttributes("urgent", "email", null, null, List.of()),
                Instant.now().minus(Duration.ofMinutes(50)), UUID.randomUUID());

        Api agent = api.as(DemoUser.AGENT);
        Api.Reply sla = agent.get("/api/sla/tickets/" + ticket);
        assertThat(sla.status()).as(sla.toString()).isEqualTo(200);
        JsonNode first = sla.json().path("clocks").valueStream()
                .filter(c -> c.path("metric").asString().equals("first_response")).findFirst().orElseThrow();
        assertThat(first.path("state").asString()).isEqualTo("breached");
        assertThat(first.path("targetSeconds").asLong()).isEqualTo(3600);
        assertThat(first.path("remainingSeconds").asLong()).isZero();
        assertThat(first.path("elapsedSeconds").asLong()).isGreaterThanOrEqualTo(7200);
        assertThat(first.path("breachedAt").isMissingNode()).isFalse();
        assertThat(agent.get("/api/sla/tickets/" + UUID.randomUUID()).status()).isEqualTo(404);

        Api.Reply breaches = agent.get("/api/sla/breaches?metric=first_response&priority=urgent&limit=1");
        assertThat(breaches.status()).as(breaches.toString()).isEqualTo(200);
        assertThat(breaches.json().path("items").get(0).path("ticketId").asString()).isEqualTo(ticket.toString());
        Api.Reply atRisk = agent.get("/api/sla/at-risk");
        assertThat(atRisk.status()).isEqualTo(200);
        assertThat(atRisk.json().path("items").valueStream().map(c -> c.path("ticketId").asString())).contains(risky.toString());
        assertThat(agent.get("/api/sla/breaches?metric=first_reply").status()).isEqualTo(400);
        assertThat(agent.get("/api/sla/breaches?priority=asap").status()).isEqualTo(400);
        assertThat(agent.get("/api/sla/breaches?cursor=garbage").status()).isEqualTo(400);
        // a breach-list cursor does not fit the at-risk list, and a truncated one fits nothing
        clocks.ticketCreated(UUID.randomUUID(), "#9", "new", new TicketAttributes("urgent", "email", null, null, List.of()),
                Instant.now().minus(Duration.ofHours(3)), UUID.randomUUID());
        String breachCursor = agent.get("/api/sla/breaches?limit=1").json().path("nextCursor").asString();
        assertThat(breachCursor).isNotBlank();
        assertThat(agent.get("/api/sla/breaches?limit=1&cursor=" + breachCursor).status()).isEqualTo(200);
        Api.Reply foreign = agent.get("/api/sla/at-risk?cursor=" + breachCursor);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(errorFields(foreign)).containsExactly("cursor");
        assertThat(agent.get("/api/sla/breaches?cursor=" + breachCursor.substring(1)).status()).isEqualTo(400);
        assertThat(agent.get("/api/sla/breaches?from=yesterday").status()).isEqualTo(400);

        Api.Reply dashboard = agent.get("/api/sla/dashboard");
        assertThat(dashboard.status()).as(dashboard.toString()).isEqualTo(200);
        assertThat(dashboard.json().path("breached").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(dashboard.json().path("atRisk").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(dashboard.json().path("byPriority").valueStream()
                .anyMatch(r -> r.path("priority").asString().equals("urgent") && r.path("metric").asString().equals("first_response")))
                .isTrue();
        assertThat(agent.get("/api/sla/dashboard?from=2026-02-01&to=2026-01-01").status()).isEqualTo(400);
    }
}
