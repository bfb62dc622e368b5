package com.quimbi.crm.integration.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.integration.CustomerDataRequested;
import com.quimbi.crm.contracts.integration.CustomerRedactionRequested;
import com.quimbi.crm.contracts.integration.CustomerSynced;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * Shopify's mandatory privacy topics through the real webhook path (signed delivery → receipt → processing), on the
 * real Postgres: each request is recorded, integration-service's own data about the customer (or the whole shop) is
 * gone, and a schema-valid request event waits in the outbox in the same transaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PrivacyWebhookIT {

    static final WireMockServer SHOPIFY = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SHOPIFY.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.integration.shopify.admin-base-url", SHOPIFY::baseUrl);
        registry.add("crm.integration.webhooks.processing-enabled", () -> "false"); // the tests drive processing
    }

    static final String SECRET = "shpss_privacy";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WebhookProcessor processor;

    Api api;
    String shop;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        shop = "privacy-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        SHOPIFY.resetAll();
        SHOPIFY.stubFor(post(urlEqualTo("/admin/api/2026-10/graphql.json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"shop":{"name":"Privacy Shop"}},"extensions":{"cost":{"requestedQueryCost":1,
                         "actualQueryCost":1,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1999,
                         "restoreRate":100.0}}}}""")));
        Api.Reply connected = api.as(DemoUser.ADMIN).send(api.as(DemoUser.ADMIN).request("/api/shopify/shops/" + shop)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"accessToken\":\"shpat_privacy\",\"apiSecret\":\"" + SECRET + "\"}")));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    }

    Api.Reply deliver(String topic, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return api.send(api.request("/webhooks/shopify").header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic).header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Triggered-At", Instant.now().toString())
                .header("X-Shopify-Hmac-Sha256", WebhookSignature.sign(SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    void process() {
        processor.processDue();
    }

    void createCustomer(String id, String email) {
        Api.Reply reply = deliver("customers/create", """
                {"id":%s,"email":"%s","first_name":"Ann","last_name":"Kowalski","phone":"+16135550123",
                 "updated_at":"2026-12-01T10:01:02-05:00","tags":"vip","orders_count":3,"total_spent":"199.00",
                 "currency":"USD"}""".formatted(id, email));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    List<Map<String, Object>> events(String aggregateId, String type) {
        return jdbc.queryForList("SELECT payload::text AS payload FROM outbox WHERE aggregateid = ? AND type = ?",
                aggregateId, type);
    }

    int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    static String id() {
        return "73291643" + (100000 + (System.nanoTime() % 900000));
    }

    /** An order of the customer as the orders feature stores it (its copy, a shipment, the last orders answer). */
    void order(String customer, String orderId) {
        jdbc.update("""
                INSERT INTO shopify_order (shop_domain, order_id, customer_id, email, created_at, updated_at, data)
                VALUES (?, ?, ?, 'someone@example.com', now(), now(), '{"name":"#1001"}'::jsonb)""", shop, orderId, customer);
        jdbc.update("""
                INSERT INTO shopify_fulfillment (shop_domain, fulfillment_id, order_id, tracking_number, updated_at)
                VALUES (?, ?, ?, '1Z999', now())""", shop, orderId + "9", orderId);
        jdbc.update("""
                INSERT INTO customer_orders_snapshot (shop_domain, customer_id, orders, fetched_at)
                VALUES (?, ?, '[]'::jsonb, now())""", shop, customer);
    }

    @Test
    void customersRedactErasesOwnDataAndPublishesOneValidRedactionRequest() {
        String customer = id();
        String other = id() + "1";
        createCustomer(customer, "ann.redact@example.com");
        createCustomer(other, "bob.keeps@example.com");
        process();
        assertThat(events(customer, CustomerSynced.TYPE)).hasSize(1);
        order(customer, "5551");
        order(other, "5552");

        assertThat(deliver("customers/redact", """
                {"shop_id":954889,"shop_domain":"%s","customer":{"id":%s,"email":"ann.redact@example.com",
                 "phone":"555-625-1199"},"orders_to_redact":[299938,280263,220458]}""".formatted(shop, customer))
                .status()).isEqualTo(200);
        process();

        List<Map<String, Object>> redactions = events(customer, CustomerRedactionRequested.TYPE);
        assertThat(redactions).hasSize(1);
        String payload = (String) redactions.getFirst().get("payload");
        EventContracts.assertValid(payload);
        assertThat(payload).contains("\"externalId\": \"" + customer + "\"").contains("\"shopDomain\": \"" + shop + "\"")
                .contains("\"email\": \"ann.redact@example.com\"").contains("\"phone\": \"555-625-1199\"")
                .contains("\"reason\": \"customer_redact\"").contains("\"source\": \"shopify\"");
        // recorded, without the address
        Map<String, Object> request = jdbc.queryForMap(
                "SELECT * FROM privacy_request WHERE shop_domain = ? AND topic = 'customers/redact'", shop);
        assertThat(request.get("customer_id")).isEqualTo(customer);
        assertThat(request.toString()).doesNotContain("ann.redact@example.com");
        assertThat(payload).contains("\"requestId\": \"" + request.get("id") + "\"");
        // own data about the customer gone: the sync mark, the receipts' bodies, the synced payloads
        assertThat(count("SELECT count(*) FROM shopify_customer WHERE shop_domain = ? AND customer_id = ?", shop, customer))
                .isZero();
        assertThat(events(customer, CustomerSynced.TYPE)).isEmpty();
        assertThat(count("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ? AND position(convert_to(?, 'UTF8') IN body) > 0",
                shop, "ann.redact@example.com")).isZero();
        assertThat(count("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ? AND status = 'done'", shop)).isEqualTo(3);
        // and the customer's orders: copies, fulfillments, the last orders answer
        assertThat(count("SELECT count(*) FROM shopify_order WHERE shop_domain = ? AND customer_id = ?", shop, customer)).isZero();
        assertThat(count("SELECT count(*) FROM shopify_fulfillment WHERE shop_domain = ? AND order_id = '5551'", shop)).isZero();
        assertThat(count("SELECT count(*) FROM customer_orders_snapshot WHERE shop_domain = ? AND customer_id = ?", shop,
                customer)).isZero();
        // the other customer untouched
        assertThat(count("SELECT count(*) FROM shopify_order WHERE shop_domain = ? AND customer_id = ?", shop, other)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM shopify_fulfillment WHERE shop_domain = ? AND order_id = '5552'", shop)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM shopify_customer WHERE shop_domain = ? AND customer_id = ?", shop, other))
                .isEqualTo(1);
        assertThat(events(other, CustomerSynced.TYPE)).hasSize(1);
        assertThat(count("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ? AND position(convert_to(?, 'UTF8') IN body) > 0",
                shop, "bob.keeps@example.com")).isEqualTo(1);
    }

    @Test
    void customersDataRequestPublishesTheRequestWithShopifysRequestId() {
        String customer = id();
        deliver("customers/data_request", """
                {"shop_id":954889,"shop_domain":"%s","orders_requested":[299938,280263,220458],
                 "customer":{"id":%s,"email":"carla@example.com","phone":"555-625-1199"},"data_request":{"id":9999}}"""
                .formatted(shop, customer));
        process();
        List<Map<String, Object>> requests = events(customer, CustomerDataRequested.TYPE);
        assertThat(requests).hasSize(1);
        String payload = (String) requests.getFirst().get("payload");
        EventContracts.assertValid(payload);
        assertThat(payload).contains("\"externalRequestId\": \"9999\"").contains("\"email\": \"carla@example.com\"")
                .contains("\"externalId\": \"" + customer + "\"");
        assertThat(count("SELECT count(*) FROM privacy_request WHERE shop_domain = ? AND topic = 'customers/data_request'"
                + " AND external_request_id = '9999' AND customers = 1", shop)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ? AND status = 'done'", shop)).isEqualTo(1);
    }

    @Test
    void shopRedactErasesTheShopAndRequestsRedactionOfEveryKnownCustomer() {
        String first = id();
        String second = id() + "2";
        createCustomer(first, "first@example.com");
        createCustomer(second, "second@example.com");
        process();
        jdbc.update("INSERT INTO oauth_state (state, shop_domain, expires_at) VALUES (?, ?, now() + interval '5 minutes')",
                UUID.randomUUID().toString(), shop);

        order(first, "6661");
        deliver("shop/redact", "{\"shop_id\":954889,\"shop_domain\":\"" + shop + "\"}");
        process();

        for (String customer : List.of(first, second)) {
            List<Map<String, Object>> redactions = events(customer, CustomerRedactionRequested.TYPE);
            assertThat(redactions).as(customer).hasSize(1);
            String payload = (String) redactions.getFirst().get("payload");
            EventContracts.assertValid(payload);
            assertThat(payload).contains("\"reason\": \"shop_redact\"").doesNotContain("\"email\"");
        }
        assertThat(count("SELECT count(*) FROM shop WHERE domain = ?", shop)).isZero();
        assertThat(count("SELECT count(*) FROM shopify_customer WHERE shop_domain = ?", shop)).isZero();
        assertThat(count("SELECT count(*) FROM oauth_state WHERE shop_domain = ?", shop)).isZero();
        assertThat(count("SELECT count(*) FROM sync_job WHERE shop_domain = ?", shop)).isZero();
        assertThat(count("SELECT count(*) FROM shopify_order WHERE shop_domain = ?", shop)).isZero();
        assertThat(count("SELECT count(*) FROM shopify_fulfillment WHERE shop_domain = ?", shop)).isZero();
        assertThat(count("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ? AND length(body) > 0", shop)).isZero();
        assertThat(count("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ? AND status <> 'done'", shop)).isZero();
        assertThat(count("SELECT customers FROM privacy_request WHERE shop_domain = ? AND topic = 'shop/redact'", shop))
                .isEqualTo(2);
        assertThat(api.as(DemoUser.ADMIN).get("/api/shopify/shops/" + shop).status()).isEqualTo(404);
        // the shop is gone: its deliveries are no longer accepted
        assertThat(deliver("customers/create", "{\"id\":1,\"email\":\"x@example.com\"}").status()).isEqualTo(401);
    }
}
