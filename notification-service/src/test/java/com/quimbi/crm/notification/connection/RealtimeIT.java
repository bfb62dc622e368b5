package com.quimbi.crm.notification.connection;

import com.quimbi.crm.test.AgentSocket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.agent.AgentDeactivated;
import com.quimbi.crm.contracts.assignment.AssignmentAssigned;
import com.quimbi.crm.contracts.presence.PresenceConnected;
import com.quimbi.crm.contracts.presence.PresenceDisconnected;
import com.quimbi.crm.contracts.presence.PresenceIdle;
import com.quimbi.crm.contracts.sla.SlaBreached;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.notification.NotificationServiceApplication;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service with real Postgres, Kafka, Redis and Keycloak, and real WebSocket clients: events on
 * Kafka become numbered frames on the right agents' sockets, on either of two instances; a reconnect replays what
 * was missed; the handshake refuses forged origins, reused or unknown tickets and another agent's id; presence
 * and collision frames.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RealtimeIT {

    static final String ORIGIN = "http://localhost:5173";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TestInfrastructure.Database DB = TestInfrastructure.freshDatabase();
    static final String GROUP = "it-" + UUID.randomUUID();
    static ConfigurableApplicationContext second;

    static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", DB.url());
        p.put("spring.datasource.username", DB.user());
        p.put("spring.datasource.password", DB.password());
        p.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafka().bootstrapServers());
        p.put("spring.kafka.consumer.group-id", GROUP);
        p.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestInfrastructure.keycloak().issuerUri());
        p.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestInfrastructure.keycloak().jwkSetUri());
        p.put("spring.data.redis.url", TestInfrastructure.redis().url());
        p.put("crm.messaging.retry.initial-interval", "50ms");
        p.put("crm.realtime.allowed-origins", ORIGIN);
        p.put("crm.realtime.presence.idle-timeout", "3s");
        p.put("crm.realtime.presence.disconnect-grace", "1s");
        p.put("crm.realtime.presence.sweep-interval", "500ms");
        p.put("crm.realtime.collision.replying-ttl", "1s");
        return p;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startSecondInstance() {
        Map<String, String> p = new LinkedHashMap<>(properties());
        p.put("server.port", "0");
        // arguments, not default properties: they must win over application.yml like the first instance's do
        second = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    static int secondPort() {
        return Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    static String sub(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("sub").asString();
    }

    String ticket(int port, String token) {
        Api.Reply reply = Api.at("http://localhost:" + port).as(token).post("/api/realtime/tickets", "");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        return reply.json().path("ticket").asString();
    }

    AgentSocket connect(int port, String token, String query) {
        return AgentSocket.open("ws://localhost:" + port + "/ws/agent?ticket=" + ticket(port, token) + query, ORIGIN);
    }

    static void deliver(String topic, String type, String aggregateType, String aggregateId, String data) {
        String id = UUID.randomUUID().toString();
        String envelope = """
                {"id":"%s","type":"%s","aggregateType":"%s","aggregateId":"%s","occurredAt":"%s","schemaVersion":1,
                 "actor":{"type":"system"},"data":%s}""".formatted(id, type, aggregateType, aggregateId, Instant.now(), data);
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), topic, aggregateId, envelope,
                Map.of("id", id, "eventType", type));
    }

    static UUID openTicket(String assignee) {
        UUID ticketId = UUID.randomUUID();
        deliver(Topics.TICKET, TicketCreated.TYPE, "ticket", ticketId.toString(), """
                {"ticketId":"%s","number":"#4711","subject":"Parcel never arrived","status":"new","priority":"high",
                 "channel":"email","customerEmail":"ann@example.com","createdAt":"%s"}""".formatted(ticketId, Instant.now()));
        if (assignee != null) {
            deliver(Topics.ASSIGNMENT, AssignmentAssigned.TYPE, "assignment", ticketId.toString(), """
                    {"ticketId":"%s","assignmentId":"%s","assigneeId":"%s","assignedBy":{"type":"system"},
                     "reason":"auto","assignedAt":"%s"}""".formatted(ticketId, UUID.randomUUID(), assignee, Instant.now()));
        }
        return ticketId;
    }

    static void statusChanged(UUID ticketId, String from, String to) {
        deliver(Topics.TICKET, TicketStatusChanged.TYPE, "ticket", ticketId.toString(), """
                {"ticketId":"%s","number":"#4711","from":"%s","to":"%s","reason":"agent","changedAt":"%s"}"""
                .formatted(ticketId, from, to, Instant.now()));
    }

    @Test
    void anAssignedTicketReachesTheAssigneesSocketNumberedAndTheCustomersReplyAndBreachFollow() {
        String token = DemoUser.AGENT.token();
        String agent = sub(token);
        try (AgentSocket socket = connect(port, token, "")) {
            JsonNode welcome = socket.await("welcome", Duration.ofSeconds(5));
            assertThat(welcome.path("agentId").asString()).isEqualTo(agent);
            long start = welcome.path("seq").asLong();

            UUID ticketId = openTicket(agent);
            JsonNode newTicket = awaitFrame(socket, "new_ticket", ticketId);
            assertThat(newTicket.path("v").asInt()).isEqualTo(1);
            assertThat(newTicket.path("seq").asLong()).isGreaterThan(start);
            assertThat(newTicket.path("number").asString()).isEqualTo("#4711");
            assertThat(newTicket.path("subject").asString()).isEqualTo("Parcel never arrived");
            assertThat(newTicket.path("priority").asString()).isEqualTo("high");

            deliver(Topics.TICKET, MessageAdded.TYPE, "ticket", ticketId.toString(), """
                    {"messageId":"%s","ticketId":"%s","ticketNumber":"#4711","authorType":"customer","direction":"inbound",
                     "channel":"email","internal":false,"attachmentCount":0,"bodyText":"Still nothing here.",
                     "bodyTruncated":false,"createdAt":"%s"}""".formatted(UUID.randomUUID(), ticketId, Instant.now()));
            JsonNode reply = awaitFrame(socket, "message_received", ticketId);
            assertThat(reply.path("preview").asString()).isEqualTo("Still nothing here.");

            deliver(Topics.SLA, SlaBreached.TYPE, "sla", ticketId.toString(), """
                    {"ticketId":"%s","metric":"first_response","deadline":"%s","policyId":"default","breachedAt":"%s",
                     "clockId":"%s"}""".formatted(ticketId, Instant.now().minusSeconds(1), Instant.now(), UUID.randomUUID()));
            JsonNode breached = awaitFrame(socket, "sla_breached", ticketId);
            assertThat(breached.path("metric").asString()).isEqualTo("first_response");

            List<Long> seqs = socket.frames.stream().filter(f -> f.has("seq") && f.has("eventId"))
                    .map(f -> f.path("seq").asLong()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aDeactivatedAgentsSocketsEndOnEveryInstanceAndNoNewTicketIsIssued() {
        String token = DemoUser.ADMIN.token();
        String admin = sub(token);
        jdbc.update("""
                INSERT INTO agent_view (agent_id, name, role, team, active) VALUES (?, 'Adam Admin', 'admin', null, true)
                ON CONFLICT (agent_id) DO UPDATE SET active = true""", admin);
        try (AgentSocket first = connect(port, token, ""); AgentSocket second = connect(secondPort(), token, "")) {
            first.await("welcome", Duration.ofSeconds(5));
            second.await("welcome", Duration.ofSeconds(5));

            deliver(Topics.AGENT, AgentDeactivated.TYPE, "agent", admin, """
                    {"agentId":"%s","email":"adam.admin@example.com","deactivatedAt":"%s"}""".formatted(admin, Instant.now()));

            for (AgentSocket socket : List.of(first, second)) {
                assertThat(socket.await("session_ended", Duration.ofSeconds(20)).path("reason").asString())
                        .isEqualTo("deactivated");
                await().atMost(Duration.ofSeconds(5)).until(() -> socket.closeCode != null);
                assertThat(socket.closeCode).isEqualTo(1008);
            }
            Api.Reply refused = Api.at("http://localhost:" + port).as(token).post("/api/realtime/tickets", "");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("detail").asString()).contains("deactivated");
        } finally {
            jdbc.update("UPDATE agent_view SET active = true WHERE agent_id = ?", admin);
        }
    }

    static JsonNode awaitFrame(AgentSocket socket, String type, UUID ticketId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> socket.ofType(type).stream()
                .anyMatch(f -> ticketId.toString().equals(f.path("ticketId").asString())));
        return socket.ofType(type).stream().filter(f -> ticketId.toString().equals(f.path("ticketId").asString()))
                .findFirst().orElseThrow();
    }

    @Test
    void aReconnectWithTheLastSequenceGetsEveryFrameItMissedAndAnUnknownPastGetsResync() {
        String token = DemoUser.SUPERVISOR.token();
        String agent = sub(token);
        UUID ticketId;
        long last;
        try (AgentSocket socket = connect(port, token, "")) {
            socket.await("welcome", Duration.ofSeconds(5));
            ticketId = openTicket(agent);
            last = awaitFrame(socket, "new_ticket", ticketId).path("seq").asLong();
        }
        // offline: three changes happen
        statusChanged(ticketId, "new", "open");
        statusChanged(ticketId, "open", "pending");
        statusChanged(ticketId, "pending", "open");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_message", Long.class) >= 0 && statusOf(ticketId).equals("open")
                && updatesStored(agent, last) >= 3);

        try (AgentSocket socket = connect(secondPort(), token, "&since=" + last)) {
            JsonNode welcome = socket.await("welcome", Duration.ofSeconds(5));
            assertThat(welcome.path("resumed").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> socket.ofType("ticket_update").size() >= 3);
            List<JsonNode> updates = socket.ofType("ticket_update");
            assertThat(updates).extracting(f -> f.path("status").asString()).containsExactly("open", "pending", "open");
            assertThat(updates).extracting(f -> f.path("seq").asLong()).containsExactly(last + 1, last + 2, last + 3);
        }
        // a number from before the stream's memory (or from the future): resync, then live frames go on
        try (AgentSocket socket = connect(port, token, "&since=" + (last + 1_000_000))) {
            JsonNode resync = socket.await("resync", Duration.ofSeconds(5));
            assertThat(resync.path("seq").asLong()).isGreaterThanOrEqualTo(last + 3);
        }
    }

    String statusOf(UUID ticketId) {
        return jdbc.query("SELECT status FROM ticket_view WHERE ticket_id = ?", (rs, i) -> rs.getString(1), ticketId)
                .stream().findFirst().orElse("");
    }

    long updatesStored(String agent, long after) {
        return Long.parseLong(String.valueOf(new org.springframework.data.redis.core.StringRedisTemplate(
                second.getBean(org.springframework.data.redis.connection.RedisConnectionFactory.class))
                .opsForValue().get("crm:rt:{" + agent + "}:seq"))) - after;
    }

    @Test
    void anEventConsumedByOneInstanceReachesTheAgentsSocketsOnBoth() {
        String token = DemoUser.ADMIN.token();
        String agent = sub(token);
        try (AgentSocket onFirst = connect(port, token, ""); AgentSocket onSecond = connect(secondPort(), token, "")) {
            onFirst.await("welcome", Duration.ofSeconds(5));
            onSecond.await("welcome", Duration.ofSeconds(5));
            // both instances are one consumer group: exactly one of them consumes the events below
            UUID ticketId = openTicket(agent);
            JsonNode a = awaitFrame(onFirst, "new_ticket", ticketId);
            JsonNode b = awaitFrame(onSecond, "new_ticket", ticketId);
            assertThat(a.path("seq").asLong()).isEqualTo(b.path("seq").asLong());
            assertThat(a.path("eventId").asString()).isEqualTo(b.path("eventId").asString());
        }
    }

    @Test
    void theHandshakeRefusesForgedOriginsReusedOrUnknownTicketsAndAnotherAgentsId() {
        String token = DemoUser.AGENT.token();
        String agent = sub(token);
        String base = "ws://localhost:" + port;
        assertThat(AgentSocket.refusal(base + "/ws/agent?ticket=" + ticket(port, token), "https://evil.example"))
                .isEqualTo(403);
        assertThat(AgentSocket.refusal(base + "/ws/agent?ticket=" + ticket(port, token), null)).isEqualTo(403);
        assertThat(AgentSocket.refusal(base + "/ws/agent?ticket=" + "A".repeat(43), ORIGIN)).isEqualTo(401);
        assertThat(AgentSocket.refusal(base + "/ws/agent", ORIGIN)).isEqualTo(401);
        String once = ticket(port, token);
        try (AgentSocket socket = AgentSocket.open(base + "/ws/agent?ticket=" + once, ORIGIN)) {
            socket.await("welcome", Duration.ofSeconds(5));
        }
        assertThat(AgentSocket.refusal(base + "/ws/agent?ticket=" + once, ORIGIN)).as("reused").isEqualTo(401);
        assertThat(AgentSocket.refusal(base + "/ws/agent/" + UUID.randomUUID() + "?ticket=" + ticket(port, token), ORIGIN))
                .as("another agent's id").isEqualTo(403);
        try (AgentSocket own = AgentSocket.open(base + "/ws/agent/" + agent + "?ticket=" + ticket(port, token), ORIGIN)) {
            assertThat(own.await("welcome", Duration.ofSeconds(5)).path("agentId").asString()).isEqualTo(agent);
        }
        assertThat(AgentSocket.refusal(base + "/ws/agent?ticket=" + ticket(port, token) + "&since=-1", ORIGIN)).isEqualTo(400);
        // the ticket endpoint itself: a token is required
        assertThat(Api.at("http://localhost:" + port).post("/api/realtime/tickets", "").status()).isEqualTo(401);
    }

    @Test
    void malformedFramesGetAnErrorFrameAndTheSocketStaysOpen() {
        try (AgentSocket socket = connect(port, DemoUser.AGENT.token(), "")) {
            socket.await("welcome", Duration.ofSeconds(5));
            socket.send("not json");
            socket.send("{\"type\":\"teleport\"}");
            socket.send("{\"type\":\"watch\",\"ticketId\":\"nope\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.ofType("error").size() == 3);
            assertThat(socket.ofType("error")).extracting(f -> f.path("code").asString())
                    .containsExactly("malformed_frame", "unknown_type", "invalid_frame");
            socket.send("{\"type\":\"ping\"}");
            socket.await("pong", Duration.ofSeconds(5));
            assertThat(socket.isOpen()).isTrue();
        }
    }

    @Test
    void framesOutOfPlaceAreRefusedAndOnlyTheAgentsOwnFreshTokenIsTaken() {
        try (AgentSocket socket = connect(port, DemoUser.AGENT.token(), "")) {
            socket.await("welcome", Duration.ofSeconds(5));
            socket.send("[1,2]");
            socket.send("{\"type\":\"ack\",\"seq\":\"latest\"}");
            socket.send("{\"type\":\"replying\",\"ticketId\":\"" + UUID.randomUUID() + "\"}");
            UUID first = UUID.randomUUID();
            socket.send("{\"type\":\"watch\",\"ticketId\":\"" + first + "\"}");
            for (int i = 1; i < 50; i++) {
                socket.send("{\"type\":\"watch\",\"ticketId\":\"" + UUID.randomUUID() + "\"}");
            }
            socket.send("{\"type\":\"watch\",\"ticketId\":\"" + UUID.randomUUID() + "\"}");
            // one less watched: room for another, and replying on a watched ticket is fine
            socket.send("{\"type\":\"unwatch\",\"ticketId\":\"" + first + "\"}");
            UUID last = UUID.randomUUID();
            socket.send("{\"type\":\"watch\",\"ticketId\":\"" + last + "\"}");
            socket.send("{\"type\":\"replying\",\"ticketId\":\"" + last + "\"}");
            socket.send("{\"type\":\"activity\"}");
            socket.send("{\"type\":\"auth\",\"token\":\"not-a-jwt\"}");
            socket.send("{\"type\":\"auth\",\"token\":\"" + DemoUser.SUPERVISOR.token() + "\"}");
            socket.send("{\"type\":\"auth\",\"token\":\"" + DemoUser.AGENT.token() + "\"}");
            socket.await("auth_ok", Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.ofType("error").size() == 6);
            assertThat(socket.ofType("error")).extracting(f -> f.path("code").asString()).containsExactly("malformed_frame",
                    "invalid_frame", "not_watching", "too_many_watches", "auth_rejected", "auth_rejected");
            assertThat(socket.ofType("auth_ok").getFirst().path("expiresAt").asString()).isNotBlank();
            assertThat(socket.isOpen()).isTrue();
        }
    }

    @Test
    void aTeammatesStatusChangeReachesTheTeamsSockets() {
        String token = DemoUser.SUPERVISOR.token();
        String supervisor = sub(token);
        String team = "night-" + UUID.randomUUID().toString().substring(0, 6);
        String teammate = UUID.randomUUID().toString();
        // usernames of their own: the agent topic is shared with the other test classes' contexts (AlertsIT's @mentions)
        deliver(Topics.AGENT, "agent.created", "agent", supervisor, agentJson(supervisor, team + ".lead", "Sara", team));
        deliver(Topics.AGENT, "agent.created", "agent", teammate, agentJson(teammate, team + ".nia", "Nia", "day"));
        // moved to the supervisor's team (agent.updated), then online
        deliver(Topics.AGENT, "agent.updated", "agent", teammate, agentJson(teammate, team + ".nia", "Nia", team)
                .replace("\"active\":true", "\"active\":true,\"changedFields\":[\"team\"]"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT team FROM agent_view WHERE agent_id IN (?, ?)", String.class, supervisor, teammate)
                .equals(List.of(team, team)));
        try (AgentSocket socket = connect(port, token, "")) {
            socket.await("welcome", Duration.ofSeconds(5));
            deliver(Topics.AGENT, "agent.status_changed", "agent", teammate, """
                    {"agentId":"%s","status":"online","previousStatus":"offline","source":"manual","changedAt":"%s"}"""
                    .formatted(teammate, Instant.now()));
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.ofType("agent_status").stream()
                    .anyMatch(f -> teammate.equals(f.path("agentId").asString())));
            JsonNode status = socket.ofType("agent_status").stream().filter(f -> teammate.equals(f.path("agentId").asString()))
                    .findFirst().orElseThrow();
            assertThat(status.path("status").asString()).isEqualTo("online");
            assertThat(status.path("name").asString()).isEqualTo("Nia Tester");
        }
    }

    static String agentJson(String id, String username, String firstName, String team) {
        return """
                {"agentId":"%s","username":"%s","email":"%s@example.com","firstName":"%s","lastName":"Tester","role":"agent",
                 "team":"%s","status":"offline","maxConcurrentTickets":8,"acceptsNew":true,"skills":[],"languages":["en"],
                 "seniority":"senior","timezone":"Europe/Madrid","active":true,"createdAt":"%s","updatedAt":"%s"}"""
                .formatted(id, username, username, firstName, team, Instant.now(), Instant.now());
    }

    @Test
    void viewersAndReplyingArePushedToEveryoneViewingAndCleanedUpOnDisconnect() {
        String agentToken = DemoUser.AGENT.token();
        String supervisorToken = DemoUser.SUPERVISOR.token();
        String agent = sub(agentToken);
        String supervisor = sub(supervisorToken);
        UUID ticketId = UUID.randomUUID();
        try (AgentSocket a = connect(port, agentToken, ""); AgentSocket s = connect(secondPort(), supervisorToken, "")) {
            a.await("welcome", Duration.ofSeconds(5));
            s.await("welcome", Duration.ofSeconds(5));
            a.send("{\"type\":\"watch\",\"ticketId\":\"" + ticketId + "\"}");
            s.send("{\"type\":\"watch\",\"ticketId\":\"" + ticketId + "\"}");
            awaitViewers(a, ticketId, Map.of(agent, "viewing", supervisor, "viewing"));
            s.send("{\"type\":\"replying\",\"ticketId\":\"" + ticketId + "\"}");
            awaitViewers(a, ticketId, Map.of(agent, "viewing", supervisor, "replying"));
            // the reply mark expires on its own (1 s here)
            awaitViewers(a, ticketId, Map.of(agent, "viewing", supervisor, "viewing"));
            s.close();
            awaitViewers(a, ticketId, Map.of(agent, "viewing"));
        }
    }

    static void awaitViewers(AgentSocket socket, UUID ticketId, Map<String, String> expected) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().untilAsserted(() -> {
            JsonNode last = socket.ofType("viewers").stream()
                    .filter(f -> ticketId.toString().equals(f.path("ticketId").asString())).reduce((x, y) -> y).orElseThrow();
            Map<String, String> modes = new LinkedHashMap<>();
            last.path("viewers").forEach(v -> modes.put(v.path("agentId").asString(), v.path("mode").asString()));
            assertThat(modes).isEqualTo(expected);
        });
    }

    @Test
    void presenceGoesOutThroughTheOutboxOncePerAgentAcrossTabsIdleAndBackAndDisconnectedAfterTheGrace() {
        String token = DemoUser.ADMIN.token();
        String agent = sub(token);
        try (AgentSocket tab1 = connect(port, token, ""); AgentSocket tab2 = connect(secondPort(), token, "")) {
            tab1.await("welcome", Duration.ofSeconds(5));
            tab2.await("welcome", Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> presence(agent).contains(PresenceConnected.TYPE));
            // idle after 3 s without activity (both tabs quiet), back on activity
            await().atMost(Duration.ofSeconds(15)).until(() -> presence(agent).contains(PresenceIdle.TYPE));
            int before = presence(agent).size();
            tab2.send("{\"type\":\"activity\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> presence(agent).size() > before
                    && presence(agent).getLast().equals(PresenceConnected.TYPE));
            // closing one tab changes nothing
            tab1.close();
            int withOneTab = presence(agent).size();
            tab2.send("{\"type\":\"activity\"}");
            assertThat(presence(agent)).hasSize(withOneTab).doesNotContain(PresenceDisconnected.TYPE);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> presence(agent).getLast().equals(PresenceDisconnected.TYPE));
        assertThat(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE type = ? AND aggregateid = ? LIMIT 1",
                String.class, PresenceDisconnected.TYPE, agent)).contains(agent);
    }

    List<String> presence(String agent) {
        return jdbc.queryForList("SELECT type FROM outbox WHERE aggregateid = ? ORDER BY occurredat", String.class, agent);
    }
}
