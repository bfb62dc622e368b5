package com.quimbi.crm.ticket.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import com.quimbi.crm.contracts.customer.CustomerRedacted;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;
import com.quimbi.crm.ticket.ApiCalls;

import tools.jackson.databind.JsonNode;

/**
 * A shop's privacy requests reach ticket-service as the golden events, each delivered twice: the data request
 * becomes one export an admin (only) can read; the redaction anonymizes the customer once, leaves its tickets for
 * statistics without personal content, and announces one schema-valid customer.redacted; an unknown customer is
 * recorded and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PrivacyIT {

    static final String TOPIC = "crm.integration.events";
    // a customer of this run's own: the topics outlive the test class, and later test contexts read them from the
    // start, so redacting the golden customer would redact theirs too
    static final String GOLDEN_SHOPIFY_ID = "7329164320823";
    static final String GOLDEN_EMAIL = "Maria.Lopez@example.com";
    static final String SHOPIFY_ID = String.valueOf(7_000_000_000_000L + (long) (Math.random() * 999_999_999_999L));
    static final String EMAIL_AS_SENT = "Maria.Lopez." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    static final String EMAIL = EMAIL_AS_SENT.toLowerCase(java.util.Locale.ROOT);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        TestInfrastructure.kafka().createTopics(List.of(TOPIC, TOPIC + ".dlt"));
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

    static String golden(String type, UUID eventId) {
        String event = EventContracts.golden(type, 1);
        String oldId = event.substring(event.indexOf("\"id\": \"") + 7, event.indexOf("\"id\": \"") + 43);
        return event.replace(oldId, eventId.toString()).replace(GOLDEN_SHOPIFY_ID, SHOPIFY_ID)
                .replace(GOLDEN_EMAIL, EMAIL_AS_SENT);
    }

    static void deliverTwice(String event) {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        KafkaProbe.deliver(bootstrap, TOPIC, SHOPIFY_ID, event, Map.of());
        KafkaProbe.deliver(bootstrap, TOPIC, SHOPIFY_ID, event, Map.of());
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    void awaitProcessed(UUID... events) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM processed_message WHERE message_id = ANY(?)", (Object) events) == events.length);
    }

    @Test
    void dataRequestExportsForAdminsThenRedactionErasesOnceAndAnnouncesIt() {
        // the customer (by e-mail, then linked to the Shopify id by a sync), two tickets, a message with an attachment
        String ticket = ApiCalls.openTicket(api, "Parcel 4711 never arrived", EMAIL_AS_SENT);
        String other = ApiCalls.openTicket(api, "Wrong size", EMAIL);
        Api.Reply message = api.as(DemoUser.AGENT).post("/api/tickets/" + ticket + "/messages", """
                {"body":"My address is Calle Mayor 1, Madrid","authorType":"customer","attachments":[{"name":"receipt.pdf",
                 "contentType":"application/pdf","size":1200,"url":"https://files.example.com/receipt.pdf"}]}""");
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
        UUID synced = UUID.randomUUID();
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), TOPIC, SHOPIFY_ID,
                golden("integration.customer_synced", synced), Map.of());
        awaitProcessed(synced);
        String customerId = jdbc.queryForObject("SELECT id::text FROM customer WHERE shopify_customer_id = ?", String.class,
                SHOPIFY_ID);
        jdbc.update("UPDATE ticket SET sentiment = -0.4, churn_risk = 0.3, category = 'shipping' WHERE id = ?::uuid", ticket);

        // data request: one export, admins only
        UUID dataRequest = UUID.randomUUID();
        deliverTwice(golden("integration.customer_data_requested", dataRequest));
        awaitProcessed(dataRequest);
        assertThat(count("SELECT count(*) FROM privacy_request WHERE kind = 'export'")).isEqualTo(1);
        Api.Reply list = api.as(DemoUser.ADMIN).get("/api/privacy/exports");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        JsonNode item = list.json().path("items").get(0);
        assertThat(item.path("externalRequestId").asString()).isEqualTo("9999");
        assertThat(item.path("customerId").asString()).isEqualTo(customerId);
        assertThat(item.path("found").asBoolean()).isTrue();
        assertThat(item.has("content")).isFalse();
        Api.Reply export = api.as(DemoUser.ADMIN).get("/api/privacy/exports/" + item.path("id").asString());
        assertThat(export.status()).isEqualTo(200);
        JsonNode content = export.json().path("content");
        assertThat(content.path("customer").path("email").asString()).isEqualTo(EMAIL);
        assertThat(content.path("customer").path("shopifyCustomerId").asString()).isEqualTo(SHOPIFY_ID);
        assertThat(content.path("tickets")).hasSize(2);
        assertThat(export.body()).contains("Parcel 4711 never arrived").contains("Calle Mayor 1").contains("receipt.pdf")
                .contains("\"sentiment\"");
        assertThat(api.as(DemoUser.AGENT).get("/api/privacy/exports").status()).isEqualTo(403);
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/privacy/exports/" + item.path("id").asString()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/privacy/exports").status()).isEqualTo(401);
        assertThat(api.as(DemoUser.ADMIN).get("/api/privacy/exports/" + UUID.randomUUID()).status()).isEqualTo(404);

        // redaction, twice: one effect
        UUID redaction = UUID.randomUUID();
        deliverTwice(golden("integration.customer_redaction_requested", redaction));
        awaitProcessed(redaction);

        Map<String, Object> customer = jdbc.queryForMap("SELECT * FROM customer WHERE id = ?::uuid", customerId);
        assertThat(customer.get("email")).isEqualTo("redacted-" + customerId + "@redacted.invalid");
        assertThat(customer.get("name")).isNull();
        assertThat(customer.get("phone")).isNull();
        assertThat(customer.get("shopify_customer_id")).isNull();
        assertThat(customer.get("shop_total_spent")).isNull();
        assertThat(customer.get("redacted_at")).isNotNull();
        Api.Reply read = api.as(DemoUser.AGENT).get("/api/customers/" + customerId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("maria").doesNotContain("María").doesNotContain("600 123 456")
                .doesNotContain(SHOPIFY_ID);
        assertThat(api.as(DemoUser.AGENT).get("/api/customers?email=" + EMAIL).json().path("items")).isEmpty();

        // the tickets stay for statistics, without personal content
        for (String id : List.of(ticket, other)) {
            Api.Reply t = api.as(DemoUser.AGENT).get("/api/tickets/" + id);
            assertThat(t.status()).isEqualTo(200);
            assertThat(t.json().path("status").asString()).isEqualTo("new");
            assertThat(t.json().path("channel").asString()).isEqualTo("email");
            assertThat(t.body()).doesNotContainIgnoringCase("maria").doesNotContain("Parcel 4711").doesNotContain("Wrong size")
                    .doesNotContain("Calle Mayor");
            assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id = ?::uuid AND action = 'customer_redacted'",
                    id)).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT category FROM ticket WHERE id = ?::uuid", String.class, ticket))
                .isEqualTo("shipping");
        Api.Reply messages = api.as(DemoUser.AGENT).get("/api/tickets/" + ticket + "/messages");
        assertThat(messages.body()).doesNotContain("Calle Mayor").doesNotContain("receipt.pdf");
        // (scoped to this test's rows: later contexts replay other classes' golden events, golden María among them)
        assertThat(count("SELECT count(*) FROM ticket WHERE id IN (?::uuid, ?::uuid) AND search @@ to_tsquery('simple', 'parcel')",
                ticket, other)).isZero();
        assertThat(count("SELECT count(*) FROM ticket_activity WHERE ticket_id IN (?::uuid, ?::uuid) AND details::text ILIKE '%maria%'",
                ticket, other)).isZero();

        // one customer.redacted, valid, keyed by the customer; no published payload of it left in the outbox
        List<String> redacted = jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregateid = ? AND type = ?",
                String.class, customerId, CustomerRedacted.TYPE);
        assertThat(redacted).hasSize(1);
        EventContracts.assertValid(redacted.getFirst());
        assertThat(redacted.getFirst()).contains("\"tickets\": 2").contains("\"emailSha256\": \""
                + PrivacyService.sha256(EMAIL) + "\"");
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregateid IN (?, ?, ?) AND payload::text ILIKE '%maria%'",
                customerId, ticket, other)).isZero();
        assertThat(count("SELECT count(*) FROM privacy_request WHERE kind = 'redaction' AND customer_id = ?::uuid"
                + " AND tickets = 2", customerId)).isEqualTo(1);
        // the export of before is kept for the admin (it was made to be handed over)
        assertThat(count("SELECT count(*) FROM privacy_request WHERE kind = 'export'")).isEqualTo(1);
    }

    @Test
    void anUnknownCustomerIsRecordedAndNothingChanges() {
        String ticket = ApiCalls.openTicket(api, "Unrelated", "someone.else@example.com");
        long announced = count("SELECT count(*) FROM outbox WHERE type = ?", CustomerRedacted.TYPE);
        UUID redaction = UUID.randomUUID();
        deliverTwice(golden("integration.customer_redaction_requested", redaction)
                .replace(SHOPIFY_ID, "1111111111111").replace(EMAIL_AS_SENT, "nobody@example.com"));
        awaitProcessed(redaction);
        assertThat(count("SELECT count(*) FROM privacy_request WHERE kind = 'redaction' AND external_customer_id = "
                + "'1111111111111' AND customer_id IS NULL")).isEqualTo(1);
        assertThat(api.as(DemoUser.AGENT).get("/api/tickets/" + ticket).body()).contains("Unrelated");
        assertThat(count("SELECT count(*) FROM outbox WHERE type = ?", CustomerRedacted.TYPE)).isEqualTo(announced);
        assertThat(count("SELECT count(*) FROM customer WHERE email = 'someone.else@example.com' AND redacted_at IS NULL"))
                .isEqualTo(1);
    }
}
