package com.quimbi.crm.assignment.messaging;

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
    static final String GOLDEN_AGENT = "5b0c2f3e-2d7a-4c1e-9a55-0f6e8d7c1b2a";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** ticket-service accepts categories of up to 64 characters (its API; ticket.updated carries them as they are). */
    static final String LONGEST_CATEGORY = "c".repeat(64);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.assignment.offline-check-interval", () -> "1h");
    }

    @Autowired
    JdbcTemplate jdbc;

    static String maximal(String type, UUID id, String goldenId) {
        return MaximalEvents.of(type).replace(goldenId, id.toString());
    }

    void deliverAndAwait(String topic, UUID key, String event) {
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), topic, key.toString(), event,
                Map.of("eventType", "test"));
        String id = JSON.readTree(event).get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", Long.class, id) == 1);
    }

    Map<String, Object> ticket(UUID id) {
        return jdbc.queryForMap("""
                SELECT status, length(subject) AS subject, length(language) AS language, cardinality(tags) AS tags,
                  category, length(category) AS category_length, customer_tier, deleted, sla_state
                FROM ticket WHERE id = ?""", id);
    }

    @Test
    void maximalTicketEventsAreStored() {
        UUID ticket = UUID.randomUUID();
        ObjectNode created = (ObjectNode) JSON.readTree(maximal("ticket.created", ticket, GOLDEN_TICKET));
        // the golden ticket has no tags; the most a ticket may have, each as long as it may be
        var tags = ((ObjectNode) created.get("data")).putArray("tags");
        for (int i = 0; i < 20; i++) {
            tags.add((i + "-").repeat(20).substring(0, 40));
        }
        deliverAndAwait(Topics.TICKET, ticket, JSON.writeValueAsString(created));
        assertThat(ticket(ticket)).containsEntry("status", "new").containsEntry("subject", 300)
                .containsEntry("language", 35).containsEntry("tags", 20);

        ObjectNode updated = (ObjectNode) JSON.readTree(maximal("ticket.updated", ticket, GOLDEN_TICKET));
        ((ObjectNode) updated.get("data").get("changes")).putObject("category").put("new", LONGEST_CATEGORY);
        deliverAndAwait(Topics.TICKET, ticket, JSON.writeValueAsString(updated));
        assertThat(ticket(ticket)).containsEntry("category", LONGEST_CATEGORY).containsEntry("category_length", 64);

        deliverAndAwait(Topics.TICKET, ticket, maximal("ticket.status_changed", ticket, GOLDEN_TICKET));
        assertThat(ticket(ticket)).containsEntry("status", "open");

        // an author id that is no agent id of ours changes nobody's assignment, and is no reason to park the event
        deliverAndAwait(Topics.TICKET, ticket, maximal("message.added", ticket, GOLDEN_TICKET));

        deliverAndAwait(Topics.TICKET, ticket, maximal("ticket.deleted", ticket, GOLDEN_TICKET));
        assertThat(ticket(ticket)).containsEntry("deleted", true);
    }

    @Test
    void maximalEnrichmentAndSlaEventsAreStored() {
        UUID ticket = UUID.randomUUID();
        deliverAndAwait(Topics.ENRICHMENT, ticket, maximal("enrichment.ticket_enriched", ticket, GOLDEN_TICKET));
        assertThat(ticket(ticket)).containsEntry("category", "product").containsEntry("customer_tier", "standard");

        deliverAndAwait(Topics.SLA, ticket, maximal("sla.clock_updated", ticket, GOLDEN_TICKET));
        assertThat(ticket(ticket)).containsEntry("sla_state", "on_track");
        deliverAndAwait(Topics.SLA, ticket, maximal("sla.breached", ticket, GOLDEN_TICKET));
        assertThat(ticket(ticket)).containsEntry("sla_state", "breached");
    }

    @Test
    void maximalAgentEventsAreStored() {
        UUID agent = UUID.randomUUID();
        deliverAndAwait(Topics.AGENT, agent, agentProfile("agent.created", agent));
        assertThat(profile(agent)).containsEntry("display_name", 201).containsEntry("skills", 50)
                .containsEntry("languages", 20).containsEntry("active", true);

        deliverAndAwait(Topics.AGENT, agent, agentProfile("agent.updated", agent));
        deliverAndAwait(Topics.AGENT, agent, maximal("agent.status_changed", agent, GOLDEN_AGENT));
        assertThat(profile(agent)).containsEntry("status", "online");

        deliverAndAwait(Topics.AGENT, agent, maximal("agent.deactivated", agent, GOLDEN_AGENT));
        assertThat(profile(agent)).containsEntry("active", false);
    }

    /**
     * The schema bounds the time zone and working hours only by length; routing needs a real zone and times, so
     * those stay valid (a garbage zone is parked on purpose: AgentEventConsumerIT). The longest IANA zone name.
     */
    static String agentProfile(String type, UUID agent) {
        ObjectNode event = (ObjectNode) JSON.readTree(maximal(type, agent, GOLDEN_AGENT));
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("timezone", "America/Argentina/ComodRivadavia");
        data.putObject("workingHours").put("start", "00:00").put("end", "23:59").putArray("days")
                .add("mon").add("tue").add("wed").add("thu").add("fri").add("sat").add("sun");
        return JSON.writeValueAsString(event);
    }

    Map<String, Object> profile(UUID id) {
        return jdbc.queryForMap("""
                SELECT length(display_name) AS display_name, cardinality(skills) AS skills,
                  cardinality(languages) AS languages, status, active
                FROM agent_profile WHERE id = ?""", id);
    }
}
