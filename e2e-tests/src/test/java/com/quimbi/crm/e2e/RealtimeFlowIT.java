package com.quimbi.crm.e2e;

import com.quimbi.crm.test.AgentSocket;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * Real-time through the gateway with Debezium in the loop: an agent's socket (connection ticket, allowed Origin)
 * makes the agent online (presence.connected → agent-service); a chat auto-assigned to the agent arrives as
 * {@code new_ticket} within 2 s; the customer's reply as {@code message_received}; an SLA breach as
 * {@code sla_breached}. A forged Origin is refused at the gateway.
 */
class RealtimeFlowIT {

    static final String CONSOLE = "http://localhost:5173";

    static Api.Reply notLimited(Supplier<Api.Reply> request) {
        return AuthorizationMatrixIT.notLimited(request);
    }

    static String wsUrl(Api api) {
        Api.Reply ticket = notLimited(() -> api.post("/api/realtime/tickets", ""));
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
        return E2eStack.get().serviceUrl("gateway").replaceFirst("^http", "ws") + ticket.json().path("url").asString();
    }

    static JsonNode awaitFrame(AgentSocket socket, String type, String ticketId, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(10)).until(() -> socket.ofType(type).stream()
                .anyMatch(f -> ticketId.equals(f.path("ticketId").asString())));
        return socket.ofType(type).stream().filter(f -> ticketId.equals(f.path("ticketId").asString())).findFirst()
                .orElseThrow();
    }

    @Test
    void anAssignedChatTheCustomersReplyAndAnSlaBreachReachTheAgentsSocket() {
        Api admin = E2eStack.gateway().as(E2eStack.login(DemoUser.ADMIN));
        String username = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Rhea","lastName":"Realtime","role":"agent",
                 "skills":["shipping"],"languages":["en"],"maxConcurrentTickets":50,
                 "initialPassword":"rhea-pass-1234","temporaryPassword":false}""".formatted(username, username)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String agentId = created.json().path("id").asString();
        Api rhea = E2eStack.gateway().as(AuthorizationMatrixIT.login(username, "rhea-pass-1234"));

        // a forged Origin never reaches notification-service
        assertThat(AgentSocket.refusal(wsUrl(rhea), "https://evil.example")).isEqualTo(403);

        try (AgentSocket socket = AgentSocket.open(wsUrl(rhea), CONSOLE)) {
            assertThat(socket.await("welcome", Duration.ofSeconds(10)).path("agentId").asString()).isEqualTo(agentId);
            // the open socket is presence: agent-service hears presence.connected and sets Rhea online
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    "online".equals(notLimited(() -> rhea.get("/api/agents/" + agentId)).json().path("status").asString()));

            // a chat is auto-assigned to the online agent: new_ticket on her socket within 2 s of the assignment
            String tag = "e2e-rt-" + UUID.randomUUID().toString().substring(0, 8);
            String policyId = fastPolicy(admin, tag);
            try {
                Api.Reply opened = notLimited(() -> rhea.post("/api/tickets", """
                        {"subject":"Where is my parcel?","description":"Ordered two weeks ago.","priority":"high",
                         "channel":"chat","customerEmail":"%s@example.com","tags":["%s"]}""".formatted(tag, tag)));
                assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
                String ticketId = opened.json().path("id").asString();
                AssignmentFlowIT.awaitAssignee(rhea, ticketId, agentId);
                JsonNode newTicket = awaitFrame(socket, "new_ticket", ticketId, Duration.ofSeconds(2));
                assertThat(newTicket.path("subject").asString()).isEqualTo("Where is my parcel?");
                assertThat(newTicket.path("seq").asLong()).isPositive();

                // the customer replies (recorded by the agent as the customer's words)
                Api.Reply reply = notLimited(() -> rhea.post("/api/tickets/" + ticketId + "/messages",
                        "{\"body\":\"Any news? It is a gift.\",\"authorType\":\"customer\"}"));
                assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
                JsonNode received = awaitFrame(socket, "message_received", ticketId, Duration.ofSeconds(10));
                assertThat(received.path("preview").asString()).isEqualTo("Any news? It is a gift.");

                // the ten-second first-response target (after the assignment is known here) passes without an agent reply
                JsonNode breached = awaitFrame(socket, "sla_breached", ticketId, Duration.ofSeconds(60));
                assertThat(breached.path("metric").asString()).isEqualTo("first_response");
                assertThat(breached.path("seq").asLong()).isGreaterThan(received.path("seq").asLong());
            } finally {
                notLimited(() -> admin.send(admin.request("/api/sla/policies/" + policyId).DELETE()));
            }
        }
    }

    static String fastPolicy(Api admin, String tag) {
        Api.Reply policy = notLimited(() -> admin.post("/api/sla/policies", """
                {"name":"E2E realtime ten seconds","position":1,"conditions":{"tags":["%s"]},
                 "targets":[{"metric":"first_response","target":"PT10S","businessHours":false},
                            {"metric":"resolution","target":"PT1H","businessHours":false}]}""".formatted(tag)));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(201);
        return policy.json().path("id").asString();
    }
}
