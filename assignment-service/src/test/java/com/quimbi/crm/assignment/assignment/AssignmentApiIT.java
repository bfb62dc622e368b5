package com.quimbi.crm.assignment.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.contracts.assignment.CompletionReason;
import com.quimbi.crm.assignment.ReadModels;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API with real Keycloak tokens for each demo role: who may do what, and the problems everyone else gets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class AssignmentApiIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.assignment.offline-check-interval", () -> "1h");
        registry.add("spring.kafka.listener.auto-startup", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AssignmentService assignments;
    @Autowired
    TransactionTemplate transaction;

    Api api;
    Api alex;
    Api sara;
    Api adam;
    UUID alexId;
    UUID saraId;

    static UUID subject(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return UUID.fromString(JsonMapper.builder().build().readTree(payload).get("sub").asString());
    }

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        String alexToken = DemoUser.AGENT.token();
        String saraToken = DemoUser.SUPERVISOR.token();
        alex = api.as(alexToken);
        sara = api.as(saraToken);
        adam = api.as(DemoUser.ADMIN);
        alexId = subject(alexToken);
        saraId = subject(saraToken);
        jdbc.update("DELETE FROM agent_profile WHERE id IN (?, ?) AND NOT EXISTS (SELECT 1 FROM ticket_assignment WHERE agent_id = agent_profile.id)",
                alexId, saraId);
        if (jdbc.queryForObject("SELECT count(*) FROM agent_profile WHERE id = ?", Integer.class, alexId) == 0) {
            ReadModels.agent(jdbc, alexId, "online", 2, "junior", new String[] { "billing" }, new String[] { "en" });
        }
        if (jdbc.queryForObject("SELECT count(*) FROM agent_profile WHERE id = ?", Integer.class, saraId) == 0) {
            ReadModels.agent(jdbc, saraId, "offline", 5, "lead", new String[] {}, new String[] { "en" });
        }
        // alex starts every test with nothing on his plate
        jdbc.update("UPDATE ticket_assignment SET status = 'completed', ended_at = now() WHERE agent_id = ? AND status IN ('assigned', 'accepted', 'in_progress')", alexId);
    }

    static String assign(UUID agent, boolean force) {
        return "{\"agentId\":\"" + agent + "\",\"force\":" + force + ",\"note\":\"please\"}";
    }

    @Test
    void withoutATokenEverythingIs401() {
        UUID ticket = ReadModels.ticket(jdbc, "new", "normal");
        assertThat(api.post("/api/tickets/" + ticket + "/auto-assign", "").status()).isEqualTo(401);
        assertThat(api.get("/api/tickets/unassigned").status()).isEqualTo(401);
    }

    @Test
    void anAgentTakesATicketForThemselfButNobodyElse() {
        UUID ticket = ReadModels.ticket(jdbc, "new", "normal");
        UUID other = ReadModels.agent(jdbc, "online", 5);

        Api.Reply forOther = alex.post("/api/tickets/" + ticket + "/assign", assign(other, false));
        assertThat(forOther.status()).isEqualTo(403);
        assertThat(forOther.contentType()).startsWith("application/problem+json");
        assertThat(alex.post("/api/tickets/" + ticket + "/assign", assign(alexId, true)).status()).isEqualTo(403);

        Api.Reply self = alex.post("/api/tickets/" + ticket + "/assign", assign(alexId, false));
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.json().get("reason").asString()).isEqualTo("self");
        assertThat(self.json().get("status").asString()).isEqualTo("assigned");
        assertThat(self.json().get("assignedBy").get("id").asString()).isEqualTo(alexId.toString());
        // again: still his, same assignment
        assertThat(alex.post("/api/tickets/" + ticket + "/assign", assign(alexId, false)).json().get("id").asString())
                .isEqualTo(self.json().get("id").asString());
    }

    @Test
    void capacityIsEnforcedUnlessASupervisorForcesIt() {
        for (int i = 0; i < 2; i++) {
            UUID t = ReadModels.ticket(jdbc, "open", "normal");
            assertThat(sara.post("/api/tickets/" + t + "/assign", assign(alexId, false)).status()).isEqualTo(200);
        }
        UUID third = ReadModels.ticket(jdbc, "open", "normal");
        Api.Reply full = sara.post("/api/tickets/" + third + "/assign", assign(alexId, false));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().get("detail").asString()).contains("at capacity");
        Api.Reply forced = sara.post("/api/tickets/" + third + "/assign", assign(alexId, true));
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().get("forced").asBoolean()).isTrue();

        Api.Reply queue = alex.get("/api/agents/" + alexId + "/queue");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.json().get("openCount").asInt()).isEqualTo(3);
        assertThat(queue.json().get("capacity").asInt()).isEqualTo(2);
        assertThat(queue.json().get("oldestWaitingSince").isNull()).isFalse();
        assertThat(queue.json().get("tickets").size()).isEqualTo(3);
    }

    @Test
    void autoAssignIsForSupervisorsAndSaysWhyATicketWaits() {
        UUID ticket = ReadModels.ticket(jdbc, "new", "urgent");
        jdbc.update("UPDATE agent_profile SET status = 'offline'");
        assertThat(alex.post("/api/tickets/" + ticket + "/auto-assign", "").status()).isEqualTo(403);

        Api.Reply waiting = sara.post("/api/tickets/" + ticket + "/auto-assign", "");
        assertThat(waiting.status()).isEqualTo(200);
        assertThat(waiting.json().get("assigned").asBoolean()).isFalse();
        assertThat(waiting.json().get("waitingReason").asString()).startsWith("no eligible agent:").contains("not online (offline)");

        Api.Reply queue = alex.get("/api/tickets/unassigned?limit=200");
        assertThat(queue.status()).isEqualTo(200);
        JsonNode item = null;
        for (JsonNode i : queue.json().get("items")) {
            if (i.get("ticketId").asString().equals(ticket.toString())) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.get("waitingReason").asString()).startsWith("no eligible agent:");

        jdbc.update("UPDATE agent_profile SET status = 'online' WHERE id = ?", alexId);
        Api.Reply assigned = adam.post("/api/tickets/" + ticket + "/auto-assign", "");
        assertThat(assigned.json().get("assigned").asBoolean()).isTrue();
        assertThat(assigned.json().get("assignment").get("agentId").asString()).isEqualTo(alexId.toString());
        assertThat(assigned.json().get("assignment").get("reason").asString()).isEqualTo("auto");
    }

    @Test
    void theUnassignedQueueIsPagedMostUrgentFirst() {
        jdbc.update("UPDATE agent_profile SET status = 'offline'");
        for (String priority : new String[] { "low", "urgent", "normal" }) {
            UUID t = ReadModels.ticket(jdbc, "new", priority);
            sara.post("/api/tickets/" + t + "/auto-assign", "");
        }
        Api.Reply first = alex.get("/api/tickets/unassigned?limit=1");
        assertThat(first.json().get("items").get(0).get("priority").asString()).isEqualTo("urgent");
        String cursor = first.json().get("nextCursor").asString();
        Api.Reply second = alex.get("/api/tickets/unassigned?limit=1&cursor=" + cursor);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("items").get(0).get("ticketId").asString())
                .isNotEqualTo(first.json().get("items").get(0).get("ticketId").asString());
        Api.Reply bad = alex.get("/api/tickets/unassigned?cursor=garbage");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
        Api.Reply truncated = alex.get("/api/tickets/unassigned?limit=1&cursor=" + cursor.substring(0, cursor.length() - 4));
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.json().get("errors").get(0).get("field").asString()).isEqualTo("cursor");
    }

    @Test
    void aMisspelledTransferTargetIsRefusedInsteadOfQueueingTheTicket() {
        UUID colleague = ReadModels.agent(jdbc, "online", 5);
        UUID theirs = ReadModels.ticket(jdbc, "open", "normal");
        assignments.assign(theirs, colleague, false, null, new Caller(colleague.toString(), false));

        Api.Reply transfer = sara.post("/api/tickets/" + theirs + "/transfer", "{\"toAgent\":\"" + alexId + "\"}");

        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(400);
        assertThat(transfer.json().get("errors").get(0).get("field").asString()).isEqualTo("toAgent");
        assertThat(transfer.json().get("detail").asString()).contains("toAgentId");
        Api.Reply history = alex.get("/api/tickets/" + theirs + "/assignments");
        assertThat(history.json().size()).isEqualTo(1);
        assertThat(history.json().get(0).get("agentId").asString()).isEqualTo(colleague.toString());

        Api.Reply assign = sara.post("/api/tickets/" + theirs + "/assign",
                "{\"agentId\":\"" + alexId + "\",\"forced\":true}");
        assertThat(assign.status()).isEqualTo(400);
        assertThat(assign.json().get("errors").get(0).get("field").asString()).isEqualTo("forced");
    }

    @Test
    void aBodyOverThePlatformLimitIsRefused() {
        UUID ticket = ReadModels.ticket(jdbc, "new", "normal");

        Api.Reply reply = sara.post("/api/tickets/" + ticket + "/assign",
                "{\"agentId\":\"" + alexId + "\",\"note\":\"" + "x".repeat(1_100_000) + "\"}");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("type").asString()).isEqualTo("https://supportcrm.dev/problems/too-large");
    }

    @Test
    void onlyTheAssigneeAcceptsAndAnEndedAssignmentCannotBeAccepted() {
        UUID ticket = ReadModels.ticket(jdbc, "new", "normal");
        sara.post("/api/tickets/" + ticket + "/assign", assign(alexId, false));

        assertThat(sara.post("/api/tickets/" + ticket + "/accept", "").status()).isEqualTo(403);
        Api.Reply accepted = alex.post("/api/tickets/" + ticket + "/accept", "");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("accepted");
        assertThat(alex.post("/api/tickets/" + ticket + "/accept", "").status()).isEqualTo(200);

        transaction.executeWithoutResult(s -> assignments.ticketEnded(ticket, CompletionReason.SOLVED, Actor.SYSTEM));
        Api.Reply completed = alex.post("/api/tickets/" + ticket + "/accept", "");
        assertThat(completed.status()).isEqualTo(409);
        assertThat(completed.contentType()).startsWith("application/problem+json");
        assertThat(sara.post("/api/tickets/" + ticket + "/accept", "").status()).isEqualTo(403);
    }

    @Test
    void theAssigneeOrASupervisorTransfersOthersMayNot() {
        UUID colleague = ReadModels.agent(jdbc, "online", 5);
        UUID theirs = ReadModels.ticket(jdbc, "open", "normal");
        assignments.assign(theirs, colleague, false, null, new Caller(colleague.toString(), false));
        Api.Reply notHis = alex.post("/api/tickets/" + theirs + "/transfer", "{\"toAgentId\":\"" + alexId + "\"}");
        assertThat(notHis.status()).isEqualTo(403);

        Api.Reply bySupervisor = sara.post("/api/tickets/" + theirs + "/transfer",
                "{\"toAgentId\":\"" + alexId + "\",\"note\":\"Alex knows this customer\"}");
        assertThat(bySupervisor.status()).isEqualTo(200);
        assertThat(bySupervisor.json().get("assignment").get("agentId").asString()).isEqualTo(alexId.toString());
        assertThat(bySupervisor.json().get("assignment").get("reason").asString()).isEqualTo("transfer");
        assertThat(bySupervisor.json().get("ended").get("status").asString()).isEqualTo("transferred");

        // alex sends it back to the queue: never straight back to him
        jdbc.update("UPDATE agent_profile SET status = 'offline' WHERE id <> ?", alexId);
        Api.Reply toQueue = alex.post("/api/tickets/" + theirs + "/transfer", "{\"toAgentId\":null,\"note\":\"not mine\"}");
        assertThat(toQueue.status()).isEqualTo(200);
        assertThat(toQueue.json().get("assigned").asBoolean()).isFalse();
        assertThat(toQueue.json().get("waitingReason").asString()).contains("sent it back to the queue");
        assertThat(alex.post("/api/tickets/" + theirs + "/transfer", "{}").status()).isEqualTo(409); // nobody to transfer from

        Api.Reply history = alex.get("/api/tickets/" + theirs + "/assignments");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().size()).isEqualTo(2);
        assertThat(history.json().get(1).get("note").asString()).isEqualTo("Alex knows this customer");
    }

    @Test
    void parallelAutoAssignRequestsForOneTicketAllSeeTheSameAssignment() throws Exception {
        UUID ticket = ReadModels.ticket(jdbc, "new", "high");
        ReadModels.agent(jdbc, "online", 5);
        ReadModels.agent(jdbc, "online", 5);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        var go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Api.Reply>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replies.add(pool.submit(() -> {
                go.await();
                return sara.post("/api/tickets/" + ticket + "/auto-assign", "");
            }));
        }
        go.countDown();
        pool.shutdown();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var reply : replies) {
            Api.Reply r = reply.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            ids.add(r.json().get("assignment").get("id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_assignment WHERE ticket_id = ?", Integer.class, ticket))
                .isEqualTo(1);
    }

    @Test
    void anAgentReadsOnlyTheirOwnQueue() {
        assertThat(alex.get("/api/agents/" + alexId + "/queue").status()).isEqualTo(200);
        assertThat(alex.get("/api/agents/" + saraId + "/queue").status()).isEqualTo(403);
        assertThat(sara.get("/api/agents/" + alexId + "/queue").status()).isEqualTo(200);
        Api.Reply unknown = sara.get("/api/agents/" + UUID.randomUUID() + "/queue");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownThingsAre404AndBadInputIs400WithFieldErrors() {
        UUID ticket = ReadModels.ticket(jdbc, "new", "normal");
        assertThat(sara.post("/api/tickets/" + UUID.randomUUID() + "/auto-assign", "").status()).isEqualTo(404);
        assertThat(alex.get("/api/tickets/" + UUID.randomUUID() + "/assignments").status()).isEqualTo(404);
        assertThat(sara.post("/api/tickets/" + ticket + "/assign", assign(UUID.randomUUID(), false)).status()).isEqualTo(404);
        assertThat(sara.post("/api/tickets/" + ticket + "/transfer", "{}").status()).isEqualTo(409);

        Api.Reply missing = sara.post("/api/tickets/" + ticket + "/assign", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("agentId");
        Api.Reply notUuid = sara.post("/api/tickets/" + ticket + "/assign", "{\"agentId\":\"agent-42\"}");
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(notUuid.json().get("errors").get(0).get("field").asString()).isEqualTo("agentId");
        Api.Reply longNote = sara.post("/api/tickets/" + ticket + "/transfer", "{\"note\":\"" + "x".repeat(1001) + "\"}");
        assertThat(longNote.status()).isEqualTo(400);
        assertThat(sara.post("/api/tickets/not-a-uuid/auto-assign", "").status()).isEqualTo(400);
        assertThat(sara.post("/api/tickets/" + ticket + "/assign", "not json").status()).isEqualTo(400);

        jdbc.update("UPDATE ticket SET status = 'closed' WHERE id = ?", ticket);
        assertThat(sara.post("/api/tickets/" + ticket + "/auto-assign", "").status()).isEqualTo(409);
    }
}
