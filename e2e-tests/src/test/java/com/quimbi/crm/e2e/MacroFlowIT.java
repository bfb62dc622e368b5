package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import tools.jackson.databind.JsonNode;

/**
 * Macros through the gateway against the whole stack: a supervisor's shared macro, previewed and applied by an
 * agent to a real ticket, changes it through ticket-service (reply, internal note, status, priority, tags) exactly
 * once, even when the agent's client repeats the apply with the same Idempotency-Key.
 */
class MacroFlowIT {

    @Test
    void aSharedMacroAppliedToARealTicketChangesItOnce() {
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        Api supervisor = E2eStack.gateway().as(E2eStack.login(DemoUser.SUPERVISOR));
        String tag = "refund-" + UUID.randomUUID().toString().substring(0, 6);

        // an unknown placeholder is refused when the macro is saved, naming it
        Api.Reply typo = supervisor.post("/api/macros", """
                {"name":"Typo","scope":"shared","replyText":"Hi {{customer.frist_name}}"}""");
        assertThat(typo.status()).as(typo.toString()).isEqualTo(400);
        assertThat(typo.body()).contains("{{customer.frist_name}}");

        Api.Reply macro = supervisor.post("/api/macros", """
                {"name":"Refund issued %s","scope":"shared",
                 "replyText":"Hi {{customer.first_name}}, the refund for {{ticket.number}} is on its way. {{agent.first_name}}",
                 "actions":{"status":"pending","priority":"high","addTags":["%s"],"note":"Refunded {{customer.name}}"}}"""
                .formatted(tag, tag));
        assertThat(macro.status()).as(macro.toString()).isEqualTo(201);
        String macroId = macro.json().path("id").asString();

        Api.Reply created = agent.post("/api/tickets", """
                {"subject":"Refund please","description":"The mug arrived broken.","priority":"normal","channel":"email",
                 "customerEmail":"macro.flow@example.com","customerName":"Ana María López"}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String ticketId = created.json().path("id").asString();
        String number = created.json().path("number").asString();

        Api.Reply preview = agent.post("/api/tickets/" + ticketId + "/macros/" + macroId + "/preview", "{}");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        String expectedReply = "Hi Ana, the refund for " + number + " is on its way. Alex";
        assertThat(preview.json().path("replyText").asString()).isEqualTo(expectedReply);
        assertThat(preview.json().path("changes").valueStream().map(c -> c.path("field").asString()))
                .containsExactly("status", "priority", "tags");
        assertThat(agent.get("/api/tickets/" + ticketId).json().path("status").asString()).isEqualTo("new");

        String key = "macro-flow-" + UUID.randomUUID();
        Api.Reply applied = apply(agent, ticketId, macroId, key);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        Api.Reply again = apply(agent, ticketId, macroId, key);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        JsonNode ticket = agent.get("/api/tickets/" + ticketId).json();
        assertThat(ticket.path("status").asString()).isEqualTo("pending");
        assertThat(ticket.path("priority").asString()).isEqualTo("high");
        assertThat(ticket.path("tags").valueStream().map(JsonNode::asString).toList()).contains(tag);
        List<JsonNode> messages = agent.get("/api/tickets/" + ticketId + "/messages").json().path("items")
                .valueStream().toList();
        assertThat(messages).filteredOn(m -> !m.path("internal").asBoolean())
                .extracting(m -> m.path("body").asString()).containsExactly(expectedReply);
        assertThat(messages).filteredOn(m -> m.path("internal").asBoolean())
                .extracting(m -> m.path("body").asString()).containsExactly("Refunded Ana María López");
        // done as the agent: ticket-service's activity log names the agent, as if done by hand
        assertThat(agent.get("/api/tickets/" + ticketId + "/activity").body()).contains("pending");
        assertThat(agent.get("/api/macros/" + macroId).json().path("usageCount").asLong()).isEqualTo(1);
    }

    static Api.Reply apply(Api agent, String ticketId, String macroId, String key) {
        return agent.send(agent.request("/api/tickets/" + ticketId + "/macros/" + macroId + "/apply")
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }
}
