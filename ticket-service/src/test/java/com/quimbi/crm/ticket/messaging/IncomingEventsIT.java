package com.quimbi.crm.ticket.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;
import com.quimbi.crm.ticket.message.Message;
import com.quimbi.crm.ticket.message.MessageRequests.AddMessage;
import com.quimbi.crm.ticket.message.MessageService;
import com.quimbi.crm.ticket.ticket.CreateTicketRequest;
import com.quimbi.crm.ticket.ticket.Ticket;
import com.quimbi.crm.ticket.ticket.TicketChannel;
import com.quimbi.crm.ticket.ticket.TicketPriority;
import com.quimbi.crm.ticket.ticket.TicketService;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Each consumed golden event, delivered twice, has one effect; unknown types are skipped; poison goes to the DLT. */
@SpringBootTest
@DirtiesContext
class IncomingEventsIT {

    static final List<String> TOPICS = List.of("crm.enrichment.events", "crm.assignment.events", "crm.sla.events",
            "crm.integration.events", "crm.enrichment.events.dlt", "crm.assignment.events.dlt", "crm.sla.events.dlt",
            "crm.integration.events.dlt");
    static final String GOLDEN_TICKET = "0193a0c4-7a90-7d11-8e2f-3c4b5a697801";
    static final String GOLDEN_MESSAGE = "0193a0c4-9b00-7a00-8c00-1d2e3f405162";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        TestInfrastructure.kafka().createTopics(TOPICS);
        // the VIP rule is configuration: the default threshold (1000) and tags of our own choosing
        registry.add("crm.ticket.vip.tags", () -> "vip, Gold");
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

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

    /** The golden example of a type, about the given ticket, as a new event. */
    static String golden(String type, UUID eventId, UUID ticketId) {
        String event = EventContracts.golden(type, 1);
        String oldId = event.substring(event.indexOf("\"id\": \"") + 7, event.indexOf("\"id\": \"") + 43);
        return event.replace(oldId, eventId.toString()).replace(GOLDEN_TICKET, ticketId.toString());
    }

    static void deliverTwice(String topic, String key, String event) {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        KafkaProbe.deliver(bootstrap, topic, key, event, Map.of());
        KafkaProbe.deliver(bootstrap, topic, key, event, Map.of());
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** Waits until both copies were consumed: a later marker event on the same key has been processed too. */
    void awaitProcessed(UUID eventId, UUID markerId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                () -> count("SELECT count(*) FROM processed_message WHERE message_id IN (?, ?)", eventId, markerId) == 2);
    }

    @Test
    void enrichmentDeliveredTwiceIsAppliedOnceAndMovesTheTicketUp() {
        Ticket ticket = openTicket("enriched@example.com");
        UUID eventId = UUID.randomUUID();
        String event = golden("enrichment.ticket_enriched", eventId, ticket.getId())
                .replace("\"customerTier\": \"standard\"", "\"customerTier\": \"vip\"");
        EventContracts.assertValid(event);

        deliverTwice("crm.enrichment.events", ticket.getId().toString(), event);
        UUID marker = UUID.randomUUID();
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), "crm.enrichment.events",
                ticket.getId().toString(), "{\"id\":\"" + marker + "\",\"type\":\"enrichment.something_new\","
                        + "\"aggregateType\":\"enrichment\",\"aggregateId\":\"x\",\"occurredAt\":\"2026-11-26T10:00:00Z\","
                        + "\"schemaVersion\":1,\"data\":{}}", Map.of());
        awaitProcessed(eventId, marker);

        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action = 'enriched'",
                ticket.getId())).isEqualTo(1);
        Ticket enriched = tickets.get(ticket.getId());
        assertThat(enriched.getCategory()).isEqualTo("product");
        // the ticket had no language and its customer no preference: the detected one fills the gap
        assertThat(enriched.getLanguage()).isEqualTo("en");
        assertThat(enriched.getEnrichment().churnRisk()).isEqualTo(0.42, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(enriched.getSmartDue()).isBefore(ticket.getSmartDue());
        assertThat(count("SELECT count(*) FROM customer WHERE id = ? AND tier = 'vip'", ticket.getCustomerId()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregateid = ? AND type = 'customer.updated'",
                ticket.getCustomerId().toString())).isEqualTo(1);
    }

    @Test
    void assignmentsAreDenormalizedOnce() {
        Ticket ticket = openTicket("assigned@example.com");
        UUID assigned = UUID.randomUUID();
        deliverTwice("crm.assignment.events", ticket.getId().toString(),
                golden("assignment.assigned", assigned, ticket.getId()));
        UUID unassigned = UUID.randomUUID();
        String release = golden("assignment.unassigned", unassigned, ticket.getId());
        deliverTwice("crm.assignment.events", ticket.getId().toString(), release);
        awaitProcessed(assigned, unassigned);

        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action = 'assigned'",
                ticket.getId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action = 'unassigned'",
                ticket.getId())).isEqualTo(1);
        assertThat(tickets.get(ticket.getId()).getAssigneeId()).isNull();
    }

    @Test
    void slaClocksMoveTheSmartOrderOnce() {
        Ticket ticket = openTicket("sla@example.com");
        UUID clock = UUID.randomUUID();
        String event = golden("sla.clock_updated", clock, ticket.getId())
                .replace("2026-11-26T13:15:00.000Z", ticket.getCreatedAt().plusSeconds(3600).toString());
        deliverTwice("crm.sla.events", ticket.getId().toString(), event);
        UUID breach = UUID.randomUUID();
        deliverTwice("crm.sla.events", ticket.getId().toString(), golden("sla.breached", breach, ticket.getId())
                .replace("2026-11-26T13:15:00.000Z", ticket.getCreatedAt().plusSeconds(3600).toString())
                .replace("2026-11-26T13:15:00.500Z", "2099-01-01T00:00:00Z"));
        awaitProcessed(clock, breach);

        Ticket after = tickets.get(ticket.getId());
        assertThat(after.getSla().state()).isEqualTo("breached");
        assertThat(after.getSmartDue()).isEqualTo(ticket.getCreatedAt().plusSeconds(3600));
        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action LIKE 'sla_%'",
                ticket.getId())).isEqualTo(2);
    }

    @Test
    void shopifyCustomersAreUpsertedByEmailAndGorgiasImportsHappenOnce() {
        openTicket("maria.lopez@example.com");
        UUID synced = UUID.randomUUID();
        deliverTwice("crm.integration.events", "7329164320823",
                golden("integration.customer_synced", synced, UUID.randomUUID()));
        UUID ticketEvent = UUID.randomUUID();
        deliverTwice("crm.integration.events", "gorgias:48213",
                golden("integration.ticket_imported", ticketEvent, UUID.randomUUID()));
        UUID messageEvent = UUID.randomUUID();
        String message = golden("integration.message_imported", messageEvent, UUID.randomUUID());
        deliverTwice("crm.integration.events", "gorgias:48213", message);
        // the same external message under a new event id (a re-sync) is still not imported twice
        UUID resync = UUID.randomUUID();
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), "crm.integration.events", "gorgias:48213",
                message.replace(messageEvent.toString(), resync.toString()), Map.of());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM processed_message WHERE message_id IN (?, ?, ?, ?)", synced, ticketEvent,
                messageEvent, resync) == 4);

        assertThat(count("SELECT count(*) FROM customer WHERE email = 'maria.lopez@example.com'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM customer WHERE shopify_customer_id = '7329164320823' AND "
                + "phone = '+34 600 123 456'")).isEqualTo(1);
        // the shop's facts are kept; 1234.50 spent reaches the VIP threshold
        assertThat(count("SELECT count(*) FROM customer WHERE shopify_customer_id = '7329164320823' AND "
                + "shop_tags = '{vip,newsletter}' AND shop_orders_count = 12 AND shop_total_spent = 1234.50 AND "
                + "shop_currency = 'EUR' AND tier = 'vip'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ticket WHERE external_source = 'gorgias' AND external_id = '48213'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM message WHERE external_source = 'gorgias' AND external_id = '991204'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM ticket t JOIN message m ON m.ticket_id = t.id WHERE t.external_id = "
                + "'48213' AND t.status = 'open'")).isEqualTo(1);
    }

    @Test
    void gorgiasStatusChangesMoveTheLinkedTicketAndMessagesOfTicketsStartedHereLandOnThem() {
        UUID ticketEvent = UUID.randomUUID();
        deliverTwice("crm.integration.events", "gorgias:48299",
                golden("integration.ticket_imported", ticketEvent, UUID.randomUUID()).replace("48213", "48299"));
        // Gorgias closed it: the imported ticket follows (solved), reason import; the ticketId names no ticket of ours
        UUID statusEvent = UUID.randomUUID();
        deliverTwice("crm.integration.events", "gorgias:48299",
                golden("integration.ticket_status_synced", statusEvent, UUID.randomUUID()).replace("48213", "48299"));
        // a conversation that started here and was pushed to Gorgias: Gorgias's reply names our ticket
        Ticket ours = openTicket("pushed.here@example.com");
        UUID messageEvent = UUID.randomUUID();
        String reply = golden("integration.message_imported", messageEvent, UUID.randomUUID()).replace("48213", "55501")
                .replace("991204", "991299").replace("\"importedAt\"", "\"ticketId\": \"" + ours.getId() + "\", \"importedAt\"");
        EventContracts.assertValid(reply);
        deliverTwice("crm.integration.events", "gorgias:55501", reply);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM processed_message WHERE message_id IN (?, ?, ?)", ticketEvent, statusEvent,
                messageEvent) == 3);

        assertThat(count("SELECT count(*) FROM ticket WHERE external_source = 'gorgias' AND external_id = '48299' AND "
                + "status = 'solved'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE type = 'ticket.status_changed' AND payload->'data'->>'reason' = "
                + "'import' AND payload->'data'->>'to' = 'solved' AND payload->'actor'->>'id' = 'gorgias'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM message WHERE ticket_id = ? AND external_source = 'gorgias' AND "
                + "external_id = '991299'", ours.getId())).isEqualTo(1);
    }

    /** The golden customer_synced with another customer's id, address, tags, order count and amount. */
    static String synced(UUID eventId, String shopifyId, String email, List<String> tags, int orders, String spent) {
        ObjectNode event = (ObjectNode) JSON.readTree(golden("integration.customer_synced", eventId, UUID.randomUUID()));
        event.put("aggregateId", shopifyId);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("externalId", shopifyId).put("email", email).put("ordersCount", orders);
        data.putArray("tags").addAll(tags.stream().map(JSON.getNodeFactory()::stringNode).toList());
        ((ObjectNode) data.get("totalSpent")).put("amount", spent);
        EventContracts.assertValid(event.toString());
        return event.toString();
    }

    @Test
    void shopCustomersAreDeduplicatedByShopifyIdAndTheConfiguredVipRulePromotesThemWithACustomerUpdated() {
        UUID bySpent = UUID.randomUUID();
        deliverTwice("crm.integration.events", "9100000000001",
                synced(bySpent, "9100000000001", "Big.Spender@Example.com", List.of("newsletter"), 4, "1000.00"));
        UUID byTag = UUID.randomUUID();
        deliverTwice("crm.integration.events", "9100000000002",
                synced(byTag, "9100000000002", "tagged.gold@example.com", List.of("gold"), 1, "5.00"));
        UUID neither = UUID.randomUUID();
        deliverTwice("crm.integration.events", "9100000000003",
                synced(neither, "9100000000003", "plain@example.com", List.of("newsletter"), 2, "999.99"));
        // the first one again under its Shopify id, with another address: the same customer, the shop's new facts
        UUID again = UUID.randomUUID();
        deliverTwice("crm.integration.events", "9100000000001",
                synced(again, "9100000000001", "other.address@example.com", List.of("newsletter", "wholesale"), 5, "1500.00"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM processed_message WHERE message_id IN (?, ?, ?, ?)", bySpent, byTag, neither, again) == 4);

        assertThat(count("SELECT count(*) FROM customer WHERE shopify_customer_id = '9100000000001'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM customer WHERE email = 'other.address@example.com'")).isZero();
        assertThat(count("SELECT count(*) FROM customer WHERE email = 'big.spender@example.com' AND shopify_customer_id = "
                + "'9100000000001' AND shop_tags = '{newsletter,wholesale}' AND shop_orders_count = 5 AND "
                + "shop_total_spent = 1500.00 AND tier = 'vip'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM customer WHERE shopify_customer_id = '9100000000002' AND tier = 'vip'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM customer WHERE shopify_customer_id = '9100000000003' AND tier = 'standard' "
                + "AND shop_total_spent = 999.99")).isEqualTo(1);
        // each promotion is one customer.updated with the tier change (assignment and SLA react to it)
        for (String shopifyId : List.of("9100000000001", "9100000000002")) {
            assertThat(count("SELECT count(*) FROM outbox o JOIN customer c ON o.aggregateid = c.id::text WHERE "
                    + "c.shopify_customer_id = ? AND o.type = 'customer.updated' AND "
                    + "o.payload->'data'->'changes'->'tier' = '{\"old\": \"standard\", \"new\": \"vip\"}'::jsonb",
                    shopifyId)).as(shopifyId).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM outbox o JOIN customer c ON o.aggregateid = c.id::text WHERE "
                + "c.shopify_customer_id = '9100000000003' AND o.payload->'data'->'changes'->'tier' IS NOT NULL")).isZero();
        assertThat(count("SELECT count(*) FROM outbox o JOIN customer c ON o.aggregateid = c.id::text WHERE "
                + "c.shopify_customer_id = '9100000000001' AND o.type = 'customer.updated' AND "
                + "o.payload->'data'->'changes'->'totalSpent'->'new' = '{\"amount\": \"1500.00\", \"currency\": \"EUR\"}'::jsonb"))
                .isEqualTo(1);
    }

    @Test
    void deliveryReportsMoveAnOutboundEmailForwardOnly() {
        Ticket ticket = openTicket("bounced@example.com");
        Message reply = messages.add(ticket.getId(), new AddMessage("On its way!", null, false, "agent", null),
                Actor.agent("it-agent"));
        assertThat(reply.deliveryStatus()).isEqualTo("queued");
        UUID bounced = UUID.randomUUID();
        String report = golden("integration.message_delivery_updated", bounced, ticket.getId())
                .replace(GOLDEN_MESSAGE, reply.id().toString());
        EventContracts.assertValid(report);
        deliverTwice("crm.integration.events", ticket.getId().toString(), report);
        // the provider's "sent" arrives after its "bounced": too late to change anything
        UUID lateSent = UUID.randomUUID();
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), "crm.integration.events",
                ticket.getId().toString(), report.replace(bounced.toString(), lateSent.toString())
                        .replace("\"status\": \"bounced\"", "\"status\": \"sent\""), Map.of());
        awaitProcessed(bounced, lateSent);

        assertThat(jdbc.queryForObject("SELECT delivery_status FROM message WHERE id = ?", String.class, reply.id()))
                .isEqualTo("bounced");
        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ? AND action = 'message_delivery'",
                ticket.getId())).isEqualTo(1);
        String updated = jdbc.queryForObject("SELECT payload::text FROM outbox WHERE aggregateid = ? AND "
                + "type = 'message.updated'", String.class, ticket.getId().toString());
        assertThat(updated).contains("\"deliveryStatus\": \"bounced\"").contains("550 5.1.1");
    }

    @Test
    void aDeliveryReportAboutAMessageThatWasNeverAnEmailIsParked() {
        Ticket ticket = openTicket("note@example.com");
        Message note = messages.add(ticket.getId(), new AddMessage("Checked the warehouse", null, true, "agent", null),
                Actor.agent("it-agent"));
        String report = golden("integration.message_delivery_updated", UUID.randomUUID(), ticket.getId())
                .replace(GOLDEN_MESSAGE, note.id().toString());
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), "crm.integration.events",
                ticket.getId().toString(), report, Map.of());

        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                "crm.integration.events.dlt", r -> ticket.getId().toString().equals(r.key()), Duration.ofSeconds(60));
        assertThat(parked.value()).contains(note.id().toString());
        assertThat(jdbc.queryForObject("SELECT delivery_status FROM message WHERE id = ?", String.class, note.id()))
                .isNull();
    }

    @Test
    void anEventWhoseDataBreaksTheContractIsParkedOnTheDeadLetterTopic() {
        UUID key = UUID.randomUUID();
        String broken = golden("sla.clock_updated", UUID.randomUUID(), key).replace("\"on_track\"", "{\"x\":1}")
                .replace(key.toString(), "not-a-ticket-id");
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), "crm.sla.events", key.toString(), broken,
                Map.of());

        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                "crm.sla.events.dlt", r -> key.toString().equals(r.key()), Duration.ofSeconds(60));
        assertThat(parked.value()).contains("not-a-ticket-id");
    }
}
