package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * Routing through the whole system: agent-service's status change and ticket-service's new ticket reach
 * assignment-service as events; its decision reaches ticket-service the same way and shows as the assignee.
 */
class AssignmentFlowIT {

    static Api.Reply notLimited(Supplier<Api.Reply> request) {
        return AuthorizationMatrixIT.notLimited(request);
    }

    static Api.Reply put(Api api, String path, String json) {
        return notLimited(() -> api.send(api.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))));
    }

    static void awaitAssignee(Api api, String ticketId, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(notLimited(() -> api.get("/api/tickets/" + ticketId)).json().path("assigneeId")
                        .asString(null)).isEqualTo(expected));
    }

    @Test
    void aNewChatGoesToTheOnlineAgentWhoAcceptsAndHandsItBackToTheQueue() {
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        Api supervisor = E2eStack.gateway().as(E2eStack.login(DemoUser.SUPERVISOR));
        String username = "router-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Rita","lastName":"Router","role":"agent",
                 "skills":["shipping"],"languages":["en"],"maxConcurrentTickets":50,
                 "initialPassword":"rita-pass-1234","temporaryPassword":false}""".formatted(username, username)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String agentId = created.json().path("id").asString();
        Api rita = E2eStack.gateway().as(AuthorizationMatrixIT.login(username, "rita-pass-1234"));
        assertThat(put(rita, "/api/agents/" + agentId + "/status", "{\"status\":\"online\"}").status()).isEqualTo(200);

        // a chat needs someone online: the new ticket is routed to Rita without anyone asking (with room for the
        // chats other flows left waiting, which drain to the first agent who comes online)
        String ticketId = openChat(rita, "Parcel stuck in customs");
        awaitAssignee(rita, ticketId, agentId);
        JsonNode queue = notLimited(() -> rita.get("/api/agents/" + agentId + "/queue")).json();
        assertThat(queue.path("openCount").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(queue.path("capacity").asInt()).isEqualTo(50);
        List<String> queued = new ArrayList<>();
        queue.path("tickets").forEach(t -> queued.add(t.path("ticketId").asString()));
        assertThat(queued).contains(ticketId);

        // only the assignee accepts
        assertThat(notLimited(() -> supervisor.post("/api/tickets/" + ticketId + "/accept", "{}")).status())
                .isEqualTo(403);
        Api.Reply accepted = notLimited(() -> rita.post("/api/tickets/" + ticketId + "/accept", "{}"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().path("status").asString()).isEqualTo("accepted");

        // Rita goes offline and hands the ticket back: nobody else online takes chats, so it waits with a reason
        assertThat(put(rita, "/api/agents/" + agentId + "/status", "{\"status\":\"offline\"}").status()).isEqualTo(200);
        Api.Reply transferred = notLimited(() -> rita.post("/api/tickets/" + ticketId + "/transfer",
                "{\"note\":\"Going off shift, customs paperwork attached\"}"));
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        awaitAssignee(rita, ticketId, null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> waiting = new ArrayList<>();
            notLimited(() -> supervisor.get("/api/tickets/unassigned?limit=200")).json().path("items").forEach(t -> {
                if (ticketId.equals(t.path("ticketId").asString())) {
                    waiting.add(t.path("waitingReason").asString());
                }
            });
            assertThat(waiting).singleElement().asString().isNotBlank();
        });

        // the supervisor assigns it to Rita again, past the transfer; the history keeps every step
        Api.Reply assigned = notLimited(() -> supervisor.post("/api/tickets/" + ticketId + "/assign",
                "{\"agentId\":\"" + agentId + "\",\"note\":\"You know this customer\"}"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        awaitAssignee(rita, ticketId, agentId);
        List<String> history = new ArrayList<>();
        notLimited(() -> rita.get("/api/tickets/" + ticketId + "/assignments")).json()
                .forEach(a -> history.add(a.path("reason").asString() + ":" + a.path("status").asString()));
        assertThat(history).hasSize(2).contains("manual:assigned").anyMatch(h -> h.startsWith("auto:"));
    }

    static String openChat(Api api, String subject) {
        Api.Reply created = notLimited(() -> api.post("/api/tickets", """
                {"subject":"%s","description":"My parcel has been in customs for a week.","priority":"high",
                 "channel":"chat","customerEmail":"%s@example.com"}""".formatted(subject,
                "c" + UUID.randomUUID().toString().substring(0, 8))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }
}
