package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * analytics-service from the write side, through the gateway: a ticket created, assigned to a new agent, answered
 * and solved → within seconds the agent's {@code today} counts the assignment, the reply and the solve, and the
 * team's volume for today counts the ticket (events: ticket-service and assignment-service outboxes → Debezium →
 * Kafka → analytics-service's facts and daily aggregates).
 */
class AnalyticsFlowIT {

    static Api.Reply notLimited(Supplier<Api.Reply> request) {
        return AuthorizationMatrixIT.notLimited(request);
    }

    @Test
    void aTicketWorkedThroughTheGatewayShowsInTheAgentsTodayAndTheTeamVolume() {
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api supervisor = E2eStack.gateway().as(E2eStack.login(DemoUser.SUPERVISOR));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String volume = "/api/analytics/tickets/volume?from=" + today + "&to=" + today + "&interval=day&zone=UTC";
        long createdBefore = createdToday(notLimited(() -> supervisor.get(volume)).json());

        String username = "stats-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Sam","lastName":"Stats","role":"agent",
                 "maxConcurrentTickets":20,"initialPassword":"sam-pass-12345","temporaryPassword":false}"""
                .formatted(username, username)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String agentId = created.json().path("id").asString();
        Api sam = E2eStack.gateway().as(AuthorizationMatrixIT.login(username, "sam-pass-12345"));

        Api.Reply ticket = notLimited(() -> supervisor.post("/api/tickets", """
                {"subject":"Refund for order #8812","description":"The refund has not arrived.","priority":"normal",
                 "channel":"email","customerEmail":"stats-%s@example.com"}""".formatted(UUID.randomUUID())));
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
        String ticketId = ticket.json().path("id").asString();
        Api.Reply assigned = notLimited(() -> supervisor.post("/api/tickets/" + ticketId + "/assign",
                "{\"agentId\":\"" + agentId + "\",\"note\":\"Refunds are yours today\"}"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                agentId.equals(notLimited(() -> sam.get("/api/tickets/" + ticketId)).json().path("assigneeId").asString(null)));

        Api.Reply reply = notLimited(() -> sam.post("/api/tickets/" + ticketId + "/messages",
                "{\"body\":\"The refund went out this morning.\",\"authorType\":\"agent\"}"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        Api.Reply solved = notLimited(() -> sam.send(sam.request("/api/tickets/" + ticketId)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"solved\"}"))));
        assertThat(solved.status()).as(solved.toString()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode mine = notLimited(() -> sam.get("/api/analytics/agents/" + agentId + "/today")).json();
            assertThat(mine.path("ticketsAssigned").asLong()).as(mine.toString()).isEqualTo(1);
            assertThat(mine.path("messagesSent").asLong()).as(mine.toString()).isEqualTo(1);
            assertThat(mine.path("firstReplies").asLong()).as(mine.toString()).isEqualTo(1);
            assertThat(mine.path("ticketsSolved").asLong()).as(mine.toString()).isEqualTo(1);
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(createdToday(notLimited(() -> supervisor.get(volume)).json()))
                        .isGreaterThanOrEqualTo(createdBefore + 1));
        // an agent reads their own numbers only
        assertThat(notLimited(() -> sam.get("/api/analytics/agents/" + UUID.randomUUID() + "/today")).status())
                .isEqualTo(403);
    }

    private static long createdToday(JsonNode volume) {
        long created = 0;
        for (JsonNode bucket : volume.path("items")) {
            created += bucket.path("created").asLong();
        }
        return created;
    }
}
