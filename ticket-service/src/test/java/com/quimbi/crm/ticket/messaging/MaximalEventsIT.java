package com.quimbi.crm.ticket.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.MaximalEvents;
import com.quimbi.crm.test.TestInfrastructure;
import com.quimbi.crm.ticket.message.Message;
import com.quimbi.crm.ticket.message.MessageRequests.AddMessage;
import com.quimbi.crm.ticket.message.MessageService;
import com.quimbi.crm.ticket.ticket.CreateTicketRequest;
import com.quimbi.crm.ticket.ticket.Ticket;
import com.quimbi.crm.ticket.ticket.TicketChannel;
import com.quimbi.crm.ticket.ticket.TicketPriority;
import com.quimbi.crm.ticket.ticket.TicketService;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract is the limit on the consuming side too: every consumed event type, with every free-text string at
 * its schema's maxLength ({@link MaximalEvents}), is stored in full and never parked in a DLT.
 */
@SpringBootTest
@DirtiesContext
class MaximalEventsIT {

    static final List<String> TOPICS = List.of(Topics.ENRICHMENT, Topics.ASSIGNMENT, Topics.SLA, Topics.INTEGRATION,
            Topics.dlt(Topics.ENRICHMENT), Topics.dlt(Topics.ASSIGNMENT), Topics.dlt(Topics.SLA),
            Topics.dlt(Topics.INTEGRATION));
    static final String GOLDEN_TICKET = "0193a0c4-7a90-7d11-8e2f-3c4b5a697801";
    static final String GOLDEN_MESSAGE = "0193a0c4-9b00-7a00-8c00-1d2e3f405162";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        TestInfrastructure.kafka().createTopics(TOPICS);
    }

    @Autowired
    TicketService tickets;
    @Autowired
    MessageService messages;
    @Autowired
    JdbcTemplate jdbc;

    Ticket openTicket(String email) {
        return tickets.open(new CreateTicketRequest("Where is my parcel", "It is late.", TicketPriority.NORMAL,
                TicketChannel.EMAIL, email), Actor.agent("it-agent"));
    }

    /** The maximal event of {@code type}, about the given ticket. */
    static ObjectNode maximal(String type, UUID ticketId) {
        return (ObjectNode) JSON.readTree(MaximalEvents.of(type).replace(GOLDEN_TICKET, ticketId.toString()));
    }

    static String data(ObjectNode event, String field) {
        return event.get("data").get(field).asString();
    }

    static UUID deliver(String topic, String key, ObjectNode event) {
        EventContracts.assertValid(event.toString());
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), topic, key, event.toString(), Map.of());
        return UUID.fromString(event.get("id").asString());
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    void awaitProcessed(UUID eventId) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(
                () -> count("SELECT count(*) FROM processed_message WHERE message_id = ?", eventId) == 1);
    }

    /** Reads the dead-letter topic to its end: none of the records may carry one of the keys. */
    static void assertNothingParked(String topic, Set<String> keys) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> parked = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        parked.add(r);
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            assertThat(parked).as("records parked on " + topic).isEmpty();
        }
    }

    @Test
    void aMaximalEnrichmentIsApplied() {
        Ticket ticket = openTicket("maximal-enriched@example.com");
        ObjectNode event = maximal("enrichment.ticket_enriched", ticket.getId());
        UUID id = deliver(Topics.ENRICHMENT, ticket.getId().toString(), event);
        awaitProcessed(id);

        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action = 'enriched'",
                ticket.getId())).isEqualTo(1);
        assertThat(tickets.get(ticket.getId()).getCategory()).isEqualTo(data(event, "category"));
        assertNothingParked(Topics.dlt(Topics.ENRICHMENT), Set.of(ticket.getId().toString()));
    }

    @Test
    void maximalAssignmentsAreDenormalized() {
        Ticket ticket = openTicket("maximal-assigned@example.com");
        String key = ticket.getId().toString();
        ObjectNode assigned = maximal("assignment.assigned", ticket.getId());
        String assignee = data(assigned, "assigneeId");
        assertThat(assignee).hasSize(64);
        awaitProcessed(deliver(Topics.ASSIGNMENT, key, assigned));
        assertThat(tickets.get(ticket.getId()).getAssigneeId()).isEqualTo(assignee);

        // a transfer to another agent waits for its own assignment.assigned; one back to the queue releases
        ObjectNode toAgent = maximal("assignment.transferred", ticket.getId());
        assertThat(data(toAgent, "note")).hasSize(1000);
        awaitProcessed(deliver(Topics.ASSIGNMENT, key, toAgent));
        assertThat(tickets.get(ticket.getId()).getAssigneeId()).isEqualTo(assignee);
        ObjectNode toQueue = maximal("assignment.transferred", ticket.getId());
        ((ObjectNode) toQueue.get("data")).putNull("toAgentId");
        awaitProcessed(deliver(Topics.ASSIGNMENT, key, toQueue));
        assertThat(tickets.get(ticket.getId()).getAssigneeId()).isNull();

        awaitProcessed(deliver(Topics.ASSIGNMENT, key, maximal("assignment.assigned", ticket.getId())));
        ObjectNode unassigned = maximal("assignment.unassigned", ticket.getId());
        assertThat(data(unassigned, "waitingReason")).hasSize(500);
        awaitProcessed(deliver(Topics.ASSIGNMENT, key, unassigned));
        assertThat(tickets.get(ticket.getId()).getAssigneeId()).isNull();
        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action = 'assigned'",
                ticket.getId())).isEqualTo(2);
        assertNothingParked(Topics.dlt(Topics.ASSIGNMENT), Set.of(key));
    }

    @Test
    void maximalSlaClocksAreApplied() {
        Ticket ticket = openTicket("maximal-sla@example.com");
        String key = ticket.getId().toString();
        Instant deadline = ticket.getCreatedAt().plusSeconds(3600);
        ObjectNode clock = maximal("sla.clock_updated", ticket.getId());
        ((ObjectNode) clock.get("data")).put("nextDeadline", deadline.toString());
        assertThat(data(clock, "policyId")).hasSize(64);
        awaitProcessed(deliver(Topics.SLA, key, clock));
        assertThat(tickets.get(ticket.getId()).getSla().state()).isEqualTo(data(clock, "state"));
        assertThat(tickets.get(ticket.getId()).getSmartDue()).isEqualTo(deadline);

        ObjectNode breached = maximal("sla.breached", ticket.getId());
        ((ObjectNode) breached.get("data")).put("deadline", deadline.toString());
        awaitProcessed(deliver(Topics.SLA, key, breached));
        assertThat(tickets.get(ticket.getId()).getSla().state()).isEqualTo("breached");
        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action LIKE 'sla_%'",
                ticket.getId())).isEqualTo(2);
        assertNothingParked(Topics.dlt(Topics.SLA), Set.of(key));
    }

    @Test
    void maximalPartnerDataIsStoredInFull() {
        ObjectNode synced = maximal("integration.customer_synced", UUID.randomUUID());
        ((ObjectNode) synced.get("data")).put("email", "maximal.synced@example.com");
        String shopifyId = data(synced, "externalId");
        awaitProcessed(deliver(Topics.INTEGRATION, shopifyId, synced));
        assertThat(count("SELECT count(*) FROM customer WHERE shopify_customer_id = ? AND name = ? AND phone = ?",
                shopifyId, data(synced, "name"), data(synced, "phone"))).isEqualTo(1);
        // 250 tags of 255 characters, the order count and the amount as sent
        assertThat(synced.at("/data/tags").size()).isEqualTo(250);
        assertThat(count("SELECT count(*) FROM customer WHERE shopify_customer_id = ? AND cardinality(shop_tags) = 250 "
                + "AND (SELECT min(length(t)) FROM unnest(shop_tags) t) = 255 AND shop_tags[250] = ? AND "
                + "shop_orders_count = ? AND shop_total_spent::text = ? AND shop_currency = ?", shopifyId,
                synced.at("/data/tags/249").asString(), synced.at("/data/ordersCount").asInt(),
                synced.at("/data/totalSpent/amount").asString(), synced.at("/data/totalSpent/currency").asString()))
                .isEqualTo(1);

        ObjectNode imported = maximal("integration.ticket_imported", UUID.randomUUID());
        ((ObjectNode) imported.get("data")).put("customerEmail", "maximal.imported@example.com");
        String externalTicket = data(imported, "externalTicketId");
        String key = "gorgias:" + externalTicket;
        awaitProcessed(deliver(Topics.INTEGRATION, key, imported));
        assertThat(count("SELECT count(*) FROM ticket WHERE external_source = 'gorgias' AND external_id = ? AND "
                + "subject = ? AND length(description) = 100000 AND cardinality(tags) = 20 AND customer_id IN "
                + "(SELECT id FROM customer WHERE name = ?)", externalTicket, data(imported, "subject"),
                data(imported, "customerName"))).isEqualTo(1);

        ObjectNode message = maximal("integration.message_imported", UUID.randomUUID());
        assertThat(data(message, "externalTicketId")).isEqualTo(externalTicket);
        awaitProcessed(deliver(Topics.INTEGRATION, key, message));
        assertThat(count("SELECT count(*) FROM message m JOIN ticket t ON t.id = m.ticket_id WHERE t.external_id = ? "
                + "AND m.external_id = ? AND length(m.body_text) = 200000 AND m.body_html IS NOT NULL",
                externalTicket, data(message, "externalMessageId"))).isEqualTo(1);

        Ticket ticket = openTicket("maximal-bounced@example.com");
        Message reply = messages.add(ticket.getId(), new AddMessage("On its way!", null, false, "agent", null),
                Actor.agent("it-agent"));
        ObjectNode report = (ObjectNode) JSON.readTree(maximal("integration.message_delivery_updated", ticket.getId())
                .toString().replace(GOLDEN_MESSAGE, reply.id().toString()));
        String detail = data(report, "detail");
        assertThat(detail).hasSize(1000);
        awaitProcessed(deliver(Topics.INTEGRATION, ticket.getId().toString(), report));
        assertThat(jdbc.queryForObject("SELECT delivery_status FROM message WHERE id = ?", String.class, reply.id()))
                .isEqualTo(data(report, "status"));
        JsonNode updated = JSON.readTree(jdbc.queryForObject("SELECT payload::text FROM outbox WHERE aggregateid = ? "
                + "AND type = 'message.updated'", String.class, ticket.getId().toString()));
        assertThat(updated.toString()).contains(detail);
        assertNothingParked(Topics.dlt(Topics.INTEGRATION), Set.of(shopifyId, key, ticket.getId().toString()));
    }
}
