package com.quimbi.crm.quimbi.messaging;

import static com.quimbi.crm.quimbi.AdapterTestSupport.GOLDEN_TICKET_ID;
import static com.quimbi.crm.quimbi.AdapterTestSupport.deliver;
import static com.quimbi.crm.quimbi.AdapterTestSupport.messageAdded;
import static com.quimbi.crm.quimbi.AdapterTestSupport.ticketCreated;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
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
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.quimbi.AdapterTestSupport;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.MaximalEvents;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Quimbi off (the local default): tickets are enriched by the fallbacks, once per event. */
@SpringBootTest
@DirtiesContext
class TicketEventConsumerIT {

    static final String TOPIC = Topics.TICKET;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AdapterTestSupport.register(registry, null);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theGoldenEventDeliveredTwiceIsEnrichedOnceWithAContractValidFallbackEvent() {
        UUID eventId = UUID.randomUUID();
        UUID ticketId = UUID.randomUUID();
        String event = ticketCreated(eventId, ticketId);

        deliver(TOPIC, ticketId.toString(), event, TicketCreated.TYPE);
        deliver(TOPIC, ticketId.toString(), event, TicketCreated.TYPE);
        // a later event on the same partition: once it is enriched, both copies above have been handled too
        UUID marker = UUID.randomUUID();
        deliver(TOPIC, ticketId.toString(), ticketCreated(UUID.randomUUID(), marker), TicketCreated.TYPE);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> enrichedEvents(marker).size() == 1);
        List<String> events = enrichedEvents(ticketId);
        assertThat(events).hasSize(1);
        EventContracts.assertValid(events.getFirst());
        JsonNode data = JSON.readTree(events.getFirst()).path("data");
        assertThat(data.path("source").asString()).isEqualTo("fallback");
        // "The box was crushed and the mug is broken": a damaged product, and not a happy customer
        assertThat(data.path("category").asString()).isEqualTo("product");
        assertThat(data.path("trigger").asString()).isEqualTo(TicketCreated.TYPE);
        assertThat(data.path("customerTier").asString()).isEqualTo("standard");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_enrichment WHERE ticket_id = ?", Long.class,
                ticketId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_message WHERE message_id = ?", Long.class,
                eventId)).isEqualTo(1);
    }

    @Test
    void aCustomerMessageReScoresTheTicketAndAnAgentsDoesNot() {
        UUID ticketId = UUID.randomUUID();
        deliver(TOPIC, ticketId.toString(), ticketCreated(UUID.randomUUID(), ticketId), TicketCreated.TYPE);
        deliver(TOPIC, ticketId.toString(), messageAdded(UUID.randomUUID(), ticketId, "agent",
                "We are sorry, a replacement is on its way."), MessageAdded.TYPE);
        deliver(TOPIC, ticketId.toString(), messageAdded(UUID.randomUUID(), ticketId, "customer",
                "This is unacceptable, I want a refund immediately or I will dispute the charge."), MessageAdded.TYPE);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> enrichedEvents(ticketId).size() == 2);
        JsonNode second = JSON.readTree(enrichedEvents(ticketId).get(1)).path("data");
        assertThat(second.path("trigger").asString()).isEqualTo(MessageAdded.TYPE);
        assertThat(second.path("sentiment").asString()).isEqualTo("negative");
        assertThat(jdbc.queryForObject("SELECT customer_message_count FROM ticket_context WHERE ticket_id = ?",
                Integer.class, ticketId)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT body FROM ticket_message WHERE ticket_id = ?", String.class, ticketId))
                .containsExactly("This is unacceptable, I want a refund immediately or I will dispute the charge.");
    }

    @Test
    void aPoisonMessageIsParkedOnTheDeadLetterTopicAndTheStreamMovesOn() {
        UUID poisonKey = UUID.randomUUID();
        deliver(TOPIC, poisonKey.toString(), "{\"this is\": \"not an envelope\"", TicketCreated.TYPE);
        UUID next = UUID.randomUUID();
        deliver(TOPIC, poisonKey.toString(), ticketCreated(UUID.randomUUID(), next), TicketCreated.TYPE);

        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                TOPIC + ".dlt", r -> poisonKey.toString().equals(r.key()), Duration.ofSeconds(30));
        assertThat(parked.value()).isEqualTo("{\"this is\": \"not an envelope\"");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> enrichedEvents(next).size() == 1);
    }

    @Test
    void eventsWithEveryFieldAtItsSchemaLimitAreStoredAndEnriched() {
        UUID ticketId = UUID.randomUUID();
        String created = MaximalEvents.of(TicketCreated.TYPE).replace(GOLDEN_TICKET_ID, ticketId.toString());
        String message = MaximalEvents.of(MessageAdded.TYPE).replace(GOLDEN_TICKET_ID, ticketId.toString())
                .replace("\"authorType\":\"agent\"", "\"authorType\":\"customer\"");

        deliver(TOPIC, ticketId.toString(), created, TicketCreated.TYPE);
        deliver(TOPIC, ticketId.toString(), message, MessageAdded.TYPE);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> enrichedEvents(ticketId).size() == 2);
        assertThat(jdbc.queryForObject("SELECT length(subject) FROM ticket_context WHERE ticket_id = ?",
                Integer.class, ticketId)).isEqualTo(300);
        // the description (up to 100,000 characters) is kept up to what classification and drafts read
        assertThat(jdbc.queryForObject("SELECT length(description) FROM ticket_context WHERE ticket_id = ?",
                Integer.class, ticketId)).isEqualTo(20_000);
        assertThat(jdbc.queryForObject("SELECT length(body) FROM ticket_message WHERE ticket_id = ?",
                Integer.class, ticketId)).isEqualTo(10_000);
    }

    private List<String> enrichedEvents(UUID ticketId) {
        return jdbc.queryForList("""
                SELECT payload::text FROM outbox WHERE aggregatetype = 'enrichment' AND aggregateid = ?
                ORDER BY occurredat""", String.class, ticketId.toString());
    }
}
