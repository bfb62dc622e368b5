package com.quimbi.crm.assignment.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.assignment.ReadModels;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

/** Ticket and enrichment events, each delivered twice: one effect. A ticket's whole life, from the golden events. */
@SpringBootTest
@DirtiesContext
class TicketEventConsumerIT {

    static final String GOLDEN_TICKET = "0193a0c4-7a90-7d11-8e2f-3c4b5a697801";
    static final String GOLDEN_AGENT = "5b0c2f3e-2d7a-4c1e-9a55-0f6e8d7c1b2a";
    static final String GOLDEN_CUSTOMER = "0193a0c3-0b1c-7d2e-9f30-4a5b6c7d8e90";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.assignment.offline-check-interval", () -> "1h");
    }

    @Autowired
    JdbcTemplate jdbc;

    static void deliverTwice(String topic, UUID key, String event) {
        for (int i = 0; i < 2; i++) {
            KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), topic, key.toString(), event,
                    Map.of("eventType", "test"));
        }
    }

    boolean processed(String event) {
        String id = event.substring(event.indexOf("\"id\":\"") + 6, event.indexOf("\"id\":\"") + 42);
        return jdbc.queryForObject("SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", Long.class, id) == 1;
    }

    List<String> events(UUID ticket) {
        return jdbc.queryForList("SELECT type FROM outbox WHERE aggregateid = ? ORDER BY occurredat, id", String.class,
                ticket.toString());
    }

    String assignmentStatus(UUID ticket) {
        return jdbc.queryForObject("SELECT status FROM ticket_assignment WHERE ticket_id = ? ORDER BY assigned_at DESC LIMIT 1",
                String.class, ticket);
    }

    @Test
    void aTicketsGoldenEventsEachDeliveredTwiceHaveOneEffectEach() {
        // earlier tests' agents and waiting tickets stay out of this ticket's story
        jdbc.update("UPDATE agent_profile SET status = 'offline'");
        jdbc.update("UPDATE ticket SET waiting_since = NULL");
        // two equal agents: whoever gets the ticket first should get it back when it reopens (continuity)
        for (int i = 0; i < 2; i++) {
            ReadModels.agent(jdbc, "online", 5, "senior", new String[] { "product" }, new String[] { "en" });
        }
        UUID ticket = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        Map<String, String> ticketIds = Map.of(GOLDEN_TICKET, ticket.toString(), GOLDEN_CUSTOMER, customer.toString());

        // created → routed
        String created = ReadModels.golden("ticket.created", ticketIds);
        deliverTwice("crm.ticket.events", ticket, created);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).contains("assignment.assigned"));
        UUID agent = jdbc.queryForObject("SELECT agent_id FROM ticket_assignment WHERE ticket_id = ?", UUID.class, ticket);
        Map<String, String> ids = Map.of(GOLDEN_TICKET, ticket.toString(), GOLDEN_AGENT, agent.toString(),
                GOLDEN_CUSTOMER, customer.toString());

        // enriched (another topic): the read model learns category, tier and churn; the assignment stands
        String enriched = ReadModels.golden("enrichment.ticket_enriched", ids);
        deliverTwice("crm.enrichment.events", ticket, enriched);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(enriched));
        assertThat(jdbc.queryForMap("SELECT category, customer_tier, churn_risk_level, customer_id FROM ticket WHERE id = ?", ticket))
                .containsEntry("category", "product").containsEntry("customer_tier", "standard")
                .containsEntry("churn_risk_level", "medium").containsEntry("customer_id", customer);

        // updated: priority high (golden) stays routing data only
        String updated = ReadModels.golden("ticket.updated", ids);
        deliverTwice("crm.ticket.events", ticket, updated);

        // the assignee replies: accepted and in progress
        String reply = ReadModels.golden("message.added", ids);
        deliverTwice("crm.ticket.events", ticket, reply);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "in_progress".equals(assignmentStatus(ticket)));

        // solved → completed; then the golden reopen (solved → open) → routed again, to the same agent (continuity)
        String solved = ReadModels.golden("ticket.status_changed", ids).replace("\"from\":\"solved\"", "\"from\":\"open\"")
                .replace("\"to\":\"open\"", "\"to\":\"solved\"").replace("customer_reply", "agent");
        deliverTwice("crm.ticket.events", ticket, solved);
        String reopened = ReadModels.golden("ticket.status_changed", ids);
        deliverTwice("crm.ticket.events", ticket, reopened);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).size() >= 4);

        // deleted → the reopened assignment completes
        String deleted = ReadModels.golden("ticket.deleted", ids);
        deliverTwice("crm.ticket.events", ticket, deleted);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(ticket).size() >= 5);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(deleted));

        assertThat(events(ticket)).containsExactly("assignment.assigned", "assignment.accepted", "assignment.completed",
                "assignment.assigned", "assignment.completed");
        assertThat(jdbc.queryForList("SELECT agent_id FROM ticket_assignment WHERE ticket_id = ?", UUID.class, ticket))
                .containsExactly(agent, agent);
        assertThat(jdbc.queryForList("SELECT end_reason FROM ticket_assignment WHERE ticket_id = ? ORDER BY assigned_at",
                String.class, ticket)).containsExactly("solved", "deleted");
        jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregateid = ?", String.class, ticket.toString())
                .forEach(EventContracts::assertValid);
        assertThat(jdbc.queryForObject("SELECT deleted FROM ticket WHERE id = ?", Boolean.class, ticket)).isTrue();
    }

    @Test
    void aTicketNobodyCanTakeWaitsInTheQueueWithTheReason() {
        UUID ticket = UUID.randomUUID();
        // enrichment first (topics are not ordered with each other), then the ticket
        deliverTwice("crm.enrichment.events", ticket, ReadModels.golden("enrichment.ticket_enriched",
                Map.of(GOLDEN_TICKET, ticket.toString(), "\"standard\"", "\"vip\"")));
        jdbc.update("UPDATE agent_profile SET status = 'offline'");
        deliverTwice("crm.ticket.events", ticket, ReadModels.golden("ticket.created", Map.of(GOLDEN_TICKET, ticket.toString())));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ticket WHERE id = ? AND waiting_reason LIKE 'no eligible agent:%'", Long.class, ticket) == 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "vip".equals(
                jdbc.queryForObject("SELECT customer_tier FROM ticket WHERE id = ?", String.class, ticket)));
        assertThat(jdbc.queryForObject("SELECT waiting_since FROM ticket WHERE id = ?", java.sql.Timestamp.class, ticket)
                .toInstant()).isEqualTo(Instant.parse("2026-11-26T09:15:00.120Z"));
        assertThat(events(ticket)).isEmpty();
    }

    @Test
    void poisonTicketAndEnrichmentEventsAreParkedOnTheirDeadLetterTopics() {
        UUID poison = UUID.randomUUID();
        deliverTwice("crm.ticket.events", poison, "{\"not\": \"an envelope\"");
        UUID broken = UUID.randomUUID();
        deliverTwice("crm.enrichment.events", broken, ReadModels.golden("enrichment.ticket_enriched",
                Map.of(GOLDEN_TICKET, "ticket-42")));

        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                "crm.ticket.events.dlt", r -> poison.toString().equals(r.key()), Duration.ofSeconds(30));
        assertThat(parked.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        assertThat(KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(), "crm.enrichment.events.dlt",
                r -> broken.toString().equals(r.key()), Duration.ofSeconds(30)).value()).contains("ticket-42");
    }
}
