package com.quimbi.crm.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.MaximalEvents;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TicketEventConsumerIT {

    static final String TOPIC = Topics.TICKET;
    static final String GOLDEN_TICKET_ID = "0193a0c4-7a90-7d11-8e2f-3c4b5a697801";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
    }

    /** The golden ticket.created example, as a new event about a new ticket. */
    static String ticketCreated(UUID eventId, UUID ticketId, String channel) {
        return EventContracts.golden(TicketCreated.TYPE, 1)
                .replace("0193a0c4-7b1e-7c2a-9f41-5d2b8e6a1c01", eventId.toString())
                .replace(GOLDEN_TICKET_ID, ticketId.toString())
                .replace("\"channel\": \"email\"", "\"channel\": \"" + channel + "\"");
    }

    static void deliver(UUID ticketId, String value) {
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), TOPIC, ticketId.toString(), value,
                Map.of("eventType", TicketCreated.TYPE));
    }

    @Test
    void anEventDeliveredTwiceIsCountedOnce() {
        UUID eventId = UUID.randomUUID();
        UUID ticketId = UUID.randomUUID();
        String event = ticketCreated(eventId, ticketId, "phone");

        deliver(ticketId, event);
        deliver(ticketId, event);
        // a later event on the same partition: once it is processed, both copies above have been too
        UUID marker = UUID.randomUUID();
        deliver(marker, ticketCreated(UUID.randomUUID(), marker, "phone"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> factExists(marker));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_fact WHERE ticket_id = ?", Long.class, ticketId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_message WHERE message_id = ?", Long.class,
                eventId)).isEqualTo(1);
    }

    @Test
    void anEventWithEveryFieldAtItsSchemaLimitIsCounted() {
        UUID ticketId = UUID.randomUUID();
        deliver(ticketId, MaximalEvents.of(TicketCreated.TYPE).replace(GOLDEN_TICKET_ID, ticketId.toString()));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> factExists(ticketId));
    }

    @Test
    void theSummaryCountsTicketsByStatusAndChannelForSupervisors() {
        long socialBefore = countFor("social");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        deliver(first, ticketCreated(UUID.randomUUID(), first, "social"));
        deliver(second, ticketCreated(UUID.randomUUID(), second, "social"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> countFor("social") == socialBefore + 2);
        Api.Reply summary = api.as(DemoUser.SUPERVISOR).get("/api/analytics/tickets/summary");
        JsonNode json = summary.json();
        assertThat(json.path("byStatus").path("new").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(json.path("total").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theSummaryIsForSupervisorsOnly() {
        assertThat(api.get("/api/analytics/tickets/summary").status()).isEqualTo(401);
        Api.Reply agent = api.as(DemoUser.AGENT).get("/api/analytics/tickets/summary");
        assertThat(agent.status()).isEqualTo(403);
        assertThat(agent.contentType()).startsWith("application/problem+json");
        assertThat(api.as(DemoUser.ADMIN).get("/api/analytics/tickets/summary").status()).isEqualTo(200);
    }

    @Test
    void aPoisonMessageIsParkedOnTheDeadLetterTopicAndTheStreamMovesOn() {
        UUID poisonKey = UUID.randomUUID();
        deliver(poisonKey, "{\"this is\": \"not an envelope\"");
        UUID next = UUID.randomUUID();
        deliver(next, ticketCreated(UUID.randomUUID(), next, "web"));

        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                TOPIC + ".dlt", r -> poisonKey.toString().equals(r.key()), Duration.ofSeconds(30));
        assertThat(parked.value()).isEqualTo("{\"this is\": \"not an envelope\"");
        assertThat(parked.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> factExists(next));
    }

    @Test
    void anEventWhoseDataBreaksTheContractIsParkedToo() {
        UUID ticketId = UUID.randomUUID();
        String broken = ticketCreated(UUID.randomUUID(), ticketId, "web").replace(ticketId.toString(), "ticket-42");
        deliver(ticketId, broken);

        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                TOPIC + ".dlt", r -> ticketId.toString().equals(r.key()), Duration.ofSeconds(30));
        assertThat(parked.value()).contains("ticket-42");
    }

    private boolean factExists(UUID ticketId) {
        return jdbc.queryForObject("SELECT count(*) FROM ticket_fact WHERE ticket_id = ?", Long.class, ticketId) == 1;
    }

    private long countFor(String channel) {
        return jdbc.queryForObject("SELECT count(*) FROM ticket_fact WHERE channel = ?", Long.class, channel);
    }
}
