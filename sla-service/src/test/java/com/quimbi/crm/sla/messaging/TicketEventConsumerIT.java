package com.quimbi.crm.sla.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

/** The golden ticket and enrichment events, each delivered twice, have one effect; poison goes to the DLT. */
@SpringBootTest
@DirtiesContext
class TicketEventConsumerIT {

    static final String GOLDEN_TICKET = "0193a0c4-7a90-7d11-8e2f-3c4b5a697801";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    /** The golden event of {@code type} as a new event (fresh id) about {@code ticketId}. */
    static String golden(String type, UUID ticketId) {
        String golden = EventContracts.golden(type, 1);
        int at = golden.indexOf("\"id\": \"") + 7;
        return golden.replace(golden.substring(at, at + 36), UUID.randomUUID().toString())
                .replace(GOLDEN_TICKET, ticketId.toString());
    }

    static void deliver(String topic, UUID key, String value) {
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), topic, key.toString(), value, Map.of());
    }

    long history(UUID ticket) {
        return jdbc.queryForObject("SELECT count(*) FROM sla_ticket_event WHERE ticket_id = ?", Long.class, ticket);
    }

    long outbox(UUID ticket, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE aggregateid = ? AND type = ?", Long.class,
                ticket.toString(), type);
    }

    boolean processed(String event) {
        int at = event.indexOf("\"id\": \"") + 7;
        return jdbc.queryForObject("SELECT count(*) FROM processed_message WHERE message_id = ?::uuid", Long.class,
                event.substring(at, at + 36)) == 1;
    }

    @Test
    void eachGoldenEventDeliveredTwiceHasOneEffect() {
        UUID ticket = UUID.randomUUID();
        String created = golden("ticket.created", ticket);
        String enriched = golden("enrichment.ticket_enriched", ticket);
        String updated = golden("ticket.updated", ticket);
        String reply = golden("message.added", ticket); // a public agent reply at 10:00: meets the first reply
        String reopened = golden("ticket.status_changed", ticket);
        String deleted = golden("ticket.deleted", ticket);
        for (String event : new String[] { created, updated, reply, reopened }) {
            deliver("crm.ticket.events", ticket, event);
            deliver("crm.ticket.events", ticket, event);
        }
        deliver("crm.enrichment.events", ticket, enriched);
        deliver("crm.enrichment.events", ticket, enriched);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(reopened) && processed(enriched));
        // created, the reply, the status change: one history row each; updated and enriched change attributes only
        assertThat(history(ticket)).isEqualTo(3);
        assertThat(outbox(ticket, "sla.met")).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT priority, category, customer_tier, tags::text AS tags FROM sla_ticket WHERE ticket_id = ?", ticket))
                .containsEntry("priority", "high").containsEntry("category", "product")
                .containsEntry("customer_tier", "standard").containsEntry("tags", "{damaged,vip}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sla_clock WHERE ticket_id = ? AND metric = 'first_response'",
                Long.class, ticket)).isEqualTo(1);
        jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregateid = ?", String.class, ticket.toString())
                .forEach(EventContracts::assertValid);

        deliver("crm.ticket.events", ticket, deleted);
        deliver("crm.ticket.events", ticket, deleted);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(deleted));
        assertThat(history(ticket)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sla_clock WHERE ticket_id = ? AND status IN ('running', 'paused')",
                Long.class, ticket)).isZero();
    }

    @Test
    void internalNotesNeverCountAsReplies() {
        UUID ticket = UUID.randomUUID();
        deliver("crm.ticket.events", ticket, golden("ticket.created", ticket));
        String note = golden("message.added", ticket).replace("\"internal\": false", "\"internal\": true")
                .replace("\"direction\": \"outbound\"", "\"direction\": \"internal\"").replace("\"deliveryStatus\": \"queued\",", "");
        deliver("crm.ticket.events", ticket, note);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(note));
        assertThat(history(ticket)).isEqualTo(1);
        assertThat(outbox(ticket, "sla.met")).isZero();
    }

    @Test
    void aPoisonMessageIsParkedOnTheDeadLetterTopicAndTheStreamMovesOn() {
        UUID poison = UUID.randomUUID();
        deliver("crm.ticket.events", poison, "{\"not\": \"an envelope\"");
        UUID broken = UUID.randomUUID();
        deliver("crm.ticket.events", broken, golden("ticket.created", broken).replace(broken.toString(), "ticket-42"));
        UUID next = UUID.randomUUID();
        String created = golden("ticket.created", next);
        deliver("crm.ticket.events", next, created);

        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                "crm.ticket.events.dlt", r -> poison.toString().equals(r.key()), Duration.ofSeconds(30));
        assertThat(parked.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        assertThat(KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(), "crm.ticket.events.dlt",
                r -> broken.toString().equals(r.key()), Duration.ofSeconds(30)).value()).contains("ticket-42");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> processed(created));
        assertThat(history(next)).isEqualTo(1);
    }
}
