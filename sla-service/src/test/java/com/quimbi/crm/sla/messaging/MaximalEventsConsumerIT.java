package com.quimbi.crm.sla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.MaximalEvents;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract is the limit: every consumed event type with every string at its schema's maxLength (and arrays at
 * maxItems) is stored, not parked in a dead-letter topic.
 */
@SpringBootTest
@DirtiesContext
class MaximalEventsConsumerIT {

    static final String GOLDEN_TICKET = "0193a0c4-7a90-7d11-8e2f-3c4b5a697801";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** ticket-service accepts categories of up to 64 characters (its API; ticket.updated carries them as they are). */
    static final String LONGEST_CATEGORY = "c".repeat(64);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    static String maximal(String type, UUID ticket) {
        return MaximalEvents.of(type).replace(GOLDEN_TICKET, ticket.toString());
    }

    void deliverAndAwait(String topic, UUID key, String event) {
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), topic, key.toString(), event, Map.of());
        String id = JSON.readTree(event).get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", Long.class, id) == 1);
    }

    Map<String, Object> ticket(UUID id) {
        return jdbc.queryForMap("""
                SELECT number, status, cardinality(tags) AS tags, category, customer_tier, deleted,
                  (SELECT count(*) FROM sla_ticket_event e WHERE e.ticket_id = t.ticket_id) AS history
                FROM sla_ticket t WHERE ticket_id = ?""", id);
    }

    @Test
    void maximalTicketAndEnrichmentEventsAreStored() {
        UUID ticket = UUID.randomUUID();
        ObjectNode created = (ObjectNode) JSON.readTree(maximal("ticket.created", ticket));
        // the golden ticket has no tags; the most a ticket may have, each as long as it may be
        var tags = ((ObjectNode) created.get("data")).putArray("tags");
        for (int i = 0; i < 20; i++) {
            tags.add((i + "-").repeat(20).substring(0, 40));
        }
        deliverAndAwait(Topics.TICKET, ticket, JSON.writeValueAsString(created));
        assertThat(ticket(ticket)).containsEntry("number", "#1042").containsEntry("status", "new")
                .containsEntry("tags", 20).containsEntry("history", 1L);

        ObjectNode updated = (ObjectNode) JSON.readTree(maximal("ticket.updated", ticket));
        ((ObjectNode) updated.get("data").get("changes")).putObject("category").put("new", LONGEST_CATEGORY);
        deliverAndAwait(Topics.TICKET, ticket, JSON.writeValueAsString(updated));
        assertThat(ticket(ticket)).containsEntry("category", LONGEST_CATEGORY).containsEntry("tags", 2);

        deliverAndAwait(Topics.TICKET, ticket, maximal("message.added", ticket)); // a public agent reply
        assertThat(ticket(ticket)).containsEntry("history", 2L);
        deliverAndAwait(Topics.TICKET, ticket, maximal("ticket.status_changed", ticket));
        assertThat(ticket(ticket)).containsEntry("status", "open").containsEntry("history", 3L);

        deliverAndAwait(Topics.ENRICHMENT, ticket, maximal("enrichment.ticket_enriched", ticket));
        assertThat(ticket(ticket)).containsEntry("category", "product").containsEntry("customer_tier", "standard");

        deliverAndAwait(Topics.TICKET, ticket, maximal("ticket.deleted", ticket));
        assertThat(ticket(ticket)).containsEntry("deleted", true).containsEntry("history", 4L);
    }
}
