package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enrichment on the spine, Quimbi off as on the local stack: gateway → ticket-service → Debezium →
 * quimbi-adapter (fallback classifier and heuristics) → its outbox → Debezium → crm.enrichment.events; then a
 * reply draft through the gateway.
 */
class AiFlowIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aNewTicketIsEnrichedFromTheStreamAndAnAgentGetsADraftThroughTheGateway() {
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        Api.Reply created = agent.post("/api/tickets", """
                {"subject":"Charged twice for my order",
                 "description":"My card was charged twice for the same order. This is unacceptable, refund it.",
                 "priority":"normal","channel":"email","customerEmail":"noor.haddad@example.com"}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String ticketId = created.json().path("id").asString();

        ConsumerRecord<String, String> enriched = KafkaProbe.awaitRecord(E2eStack.get().kafka().bootstrapServers(),
                "crm.enrichment.events", r -> ticketId.equals(r.key()), Duration.ofSeconds(60));

        EventContracts.assertValid(enriched.value());
        assertThat(new String(enriched.headers().lastHeader("eventType").value(), StandardCharsets.UTF_8))
                .isEqualTo("enrichment.ticket_enriched");
        JsonNode data = JSON.readTree(enriched.value()).path("data");
        assertThat(data.path("source").asString()).isEqualTo("fallback");
        assertThat(data.path("category").asString()).isEqualTo("billing");
        assertThat(data.path("sentiment").asString()).isEqualTo("negative");

        Api.Reply draft = agent.post("/api/ai/tickets/" + ticketId + "/draft", "{\"tone\":\"friendly\"}");
        assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
        assertThat(draft.json().path("source").asString()).isEqualTo("fallback");
        assertThat(draft.json().path("text").asString()).contains(created.json().path("number").asString());
        assertThat(E2eStack.gateway().post("/api/ai/tickets/" + ticketId + "/draft", "{}").status()).isEqualTo(401);
    }
}
