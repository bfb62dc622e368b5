package com.quimbi.crm.quimbi.messaging;

import static com.quimbi.crm.quimbi.AdapterTestSupport.deliver;
import static com.quimbi.crm.quimbi.AdapterTestSupport.ticketCreatedFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.contracts.integration.OrderSynced;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.quimbi.AdapterTestSupport;
import com.quimbi.crm.quimbi.customer.CustomerInsights;
import com.quimbi.crm.quimbi.draft.DraftService;
import com.quimbi.crm.quimbi.draft.Tone;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * integration.order_synced into the order history: the golden event delivered twice counts once, the customer's
 * order figures (churn, LTV) come from it, a draft names the latest order with its tracking; poison → DLT.
 */
@SpringBootTest
@DirtiesContext
class IntegrationEventConsumerIT {

    static final String TOPIC = Topics.INTEGRATION;
    static final String GOLDEN_ORDER_EVENT = "0193a0c4-8000-7000-8000-000000000021";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AdapterTestSupport.register(registry, null);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DraftService drafts;
    @Autowired
    CustomerInsights insights;

    @Test
    void theGoldenOrderTwiceCountsOnceFeedsLtvAndNamesTheOrderInDrafts() {
        UUID ticket = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        deliver(Topics.TICKET, ticket.toString(), ticketCreatedFor(UUID.randomUUID(), ticket, customer,
                "Where is my parcel?", "I ordered trail shoes last week and nothing arrived yet."), TicketCreated.TYPE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ticket_context WHERE ticket_id = ?", Integer.class, ticket) == 1);

        String golden = EventContracts.golden(OrderSynced.TYPE, 1);
        deliver(TOPIC, "5890113470621", golden, OrderSynced.TYPE);
        deliver(TOPIC, "5890113470621", golden, OrderSynced.TYPE);
        // the same order again under another event id (a re-publication): still one order
        deliver(TOPIC, "5890113470621", golden.replace(GOLDEN_ORDER_EVENT, UUID.randomUUID().toString()), OrderSynced.TYPE);
        UUID marker = UUID.randomUUID();
        deliver(TOPIC, "5890113470621", golden.replace(GOLDEN_ORDER_EVENT, marker.toString()), OrderSynced.TYPE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_message WHERE message_id = ?", Integer.class, marker) == 1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_history WHERE order_id = '5890113470621'",
                Integer.class)).isEqualTo(1);
        Map<String, Object> activity = jdbc.queryForMap(
                "SELECT order_count, total_spent FROM customer_activity WHERE customer_key = ?", customer.toString());
        assertThat(activity.get("order_count")).isEqualTo(1);
        assertThat((BigDecimal) activity.get("total_spent")).isEqualByComparingTo("129.90");
        assertThat(insights.risk(customer.toString()).ltv()).isEqualByComparingTo("129.90");

        String text = drafts.draft(drafts.ticket(ticket), Tone.FRIENDLY).text();
        assertThat(text).contains("Your latest order #1001 is paid and fulfilled")
                .contains("DHL Express").contains("JD014600003828394756");
    }

    @Test
    void aMalformedOrderEventGoesToTheDeadLetterTopic() {
        String key = "poison-" + UUID.randomUUID();
        String broken = EventContracts.golden(OrderSynced.TYPE, 1).replace(GOLDEN_ORDER_EVENT, UUID.randomUUID().toString())
                .replace("\"orderId\": \"5890113470621\",", "");
        deliver(TOPIC, key, broken, OrderSynced.TYPE);
        ConsumerRecord<String, String> parked = KafkaProbe.awaitRecord(TestInfrastructure.kafka().bootstrapServers(),
                TOPIC + ".dlt", r -> key.equals(r.key()), Duration.ofSeconds(30));
        assertThat(parked.value()).isEqualTo(broken);
    }
}
