package com.quimbi.crm.integration.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * Shops and webhooks end to end inside the service, against the real Postgres and Keycloak, with WireMock in
 * Shopify's place: a custom app is validated before it is stored, answers hold no secret, and signed
 * deliveries are stored once and processed into contract-valid events; forged, duplicate, stale and
 * rotated-secret deliveries behave as Shopify's docs require.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ShopifyWebhookIT {

    static final WireMockServer SHOPIFY = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        SHOPIFY.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.integration.shopify.admin-base-url", SHOPIFY::baseUrl);
        registry.add("crm.integration.shopify.retry-wait", () -> "10ms");
        registry.add("crm.integration.webhooks.processing-enabled", () -> "false"); // the tests drive processing
        registry.add("crm.integration.webhooks.first-retry", () -> "0s");
        registry.add("crm.integration.webhooks.max-attempts", () -> "2");
    }

    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WebhookProcessor processor;

    Api api;
    Api admin;
    String shop;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        admin = api.as(DemoUser.ADMIN);
        shop = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        SHOPIFY.resetAll();
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withHeader("X-Shopify-Access-Token", equalTo("shpat_good"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"shop":{"name":"Acme Outdoor"}},"extensions":{"cost":{"requestedQueryCost":1,
                         "actualQueryCost":1,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1999,
                         "restoreRate":100.0}}}}""")));
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withHeader("X-Shopify-Access-Token", equalTo("shpat_bad"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}")));
    }

    Api.Reply put(Api client, String path, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Api.Reply connect(String accessToken, String secret) {
        return put(admin, "/api/shopify/shops/" + shop, """
                {"accessToken":"%s","apiSecret":"%s"}""".formatted(accessToken, secret));
    }

    Api.Reply deliver(String topic, String eventId, byte[] body, String hmac, Instant triggeredAt) {
        HttpRequest.Builder request = api.request("/webhooks/shopify").header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic).header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Event-Id", eventId).header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
                .header("X-Shopify-API-Version", "2026-10")
                .header("X-Shopify-Triggered-At", triggeredAt.toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (hmac != null) {
            request.header("X-Shopify-Hmac-Sha256", hmac);
        }
        return api.send(request);
    }

    /** customers/create as Shopify's docs show the payload (REST shape). */
    static byte[] customer(String id, String email, String updatedAt) {
        return """
                {"id":%s,"email":"%s","created_at":"2026-11-30T10:01:02-05:00","updated_at":"%s",
                 "first_name":"Ann","last_name":"Kowalski","orders_count":3,"state":"enabled","total_spent":"199.00",
                 "last_order_id":null,"note":null,"verified_email":true,"multipass_identifier":null,"tax_exempt":false,
                 "tags":"vip, newsletter","last_order_name":null,"currency":"USD","phone":"+16135550123",
                 "addresses":[],"tax_exemptions":[],"email_marketing_consent":null,"sms_marketing_consent":null,
                 "admin_graphql_api_id":"gid://shopify/Customer/%s","default_address":null}"""
                .formatted(id, email, updatedAt, id).getBytes(StandardCharsets.UTF_8);
    }

    List<Map<String, Object>> events(String customerId) {
        return jdbc.queryForList("SELECT type, payload::text AS payload FROM outbox WHERE aggregateid = ? ORDER BY occurredat",
                customerId);
    }

    @Test
    void aCustomAppIsValidatedBeforeItIsStoredAndAnswersHoldNoSecret() {
        Api.Reply refused = connect("shpat_bad", "shpss_one");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("shpat_bad");
        assertThat(admin.get("/api/shopify/shops/" + shop).status()).isEqualTo(404);

        Api.Reply connected = connect("shpat_good", "shpss_one");
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.json().path("name").asString()).isEqualTo("Acme Outdoor");
        assertThat(connected.json().path("status").asString()).isEqualTo("connected");
        assertThat(connected.body()).doesNotContain("shpat_good").doesNotContain("shpss_one");
        SHOPIFY.verify(postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("shop { name }")));

        Api.Reply list = admin.get("/api/shopify/shops");
        assertThat(list.body()).contains(shop).doesNotContain("shpat_good").doesNotContain("shpss_one");
        // at rest only ciphertext
        Map<String, Object> row = jdbc.queryForMap("SELECT access_token, api_secret FROM shop WHERE domain = ?", shop);
        assertThat((String) row.get("access_token")).startsWith("v1:").doesNotContain("shpat_good");
        assertThat((String) row.get("api_secret")).startsWith("v1:").doesNotContain("shpss_one");
    }

    @Test
    void shopsAreForAdminsAndDomainsMustBeMyshopifyNames() {
        assertThat(api.as(DemoUser.AGENT).get("/api/shopify/shops").status()).isEqualTo(403);
        assertThat(api.get("/api/shopify/shops").status()).isEqualTo(401);
        for (String domain : List.of("Acme.myshopify.com", "acme.example.com", "acme.myshopify.com.evil.io")) {
            Api.Reply reply = put(admin, "/api/shopify/shops/" + domain, "{\"accessToken\":\"shpat_good\",\"apiSecret\":\"s\"}");
            assertThat(reply.status()).as(domain).isEqualTo(400);
            assertThat(reply.contentType()).contains("problem+json");
        }
        assertThat(put(admin, "/api/shopify/shops/" + shop, "{\"accessToken\":\"shpat_good\"}").status()).isEqualTo(400);
    }

    @Test
    void aSignedCustomersCreateEndsAsOneContractValidCustomerSyncedEvent() {
        connect("shpat_good", "shpss_one");
        String id = "7329164320823" + (System.nanoTime() % 1000);
        byte[] body = customer(id, "ann.kowalski@example.com", "2026-12-01T10:01:02-05:00");
        String eventId = UUID.randomUUID().toString();

        Api.Reply accepted = deliver("customers/create", eventId, body, WebhookSignature.sign("shpss_one", body), Instant.now());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        // a retry of the same event is acknowledged and stored once
        assertThat(deliver("customers/create", eventId, body, WebhookSignature.sign("shpss_one", body), Instant.now())
                .status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ?", Integer.class, shop))
                .isEqualTo(1);
        assertThat(events(id)).isEmpty(); // the work happens after the answer

        processor.processDue();
        List<Map<String, Object>> events = events(id);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("type")).isEqualTo("integration.customer_synced");
        String payload = (String) events.getFirst().get("payload");
        EventContracts.assertValid(payload);
        assertThat(payload).contains("\"externalId\": \"" + id + "\"").contains("\"email\": \"ann.kowalski@example.com\"")
                .contains("\"name\": \"Ann Kowalski\"").contains("\"source\": \"shopify\"")
                .contains("\"phone\": \"+16135550123\"").contains("\"tags\": [\"vip\", \"newsletter\"]")
                .contains("\"ordersCount\": 3").contains("\"totalSpent\": {\"amount\": \"199.00\", \"currency\": \"USD\"}")
                .doesNotContain("shpss").doesNotContain("shpat");

        // an older update delivered late (another event id) changes nothing; a newer one is synced
        byte[] older = customer(id, "old@example.com", "2026-11-30T10:01:02-05:00");
        deliver("customers/update", UUID.randomUUID().toString(), older, WebhookSignature.sign("shpss_one", older), Instant.now());
        processor.processDue();
        assertThat(events(id)).hasSize(1);
        byte[] newer = customer(id, "ann.new@example.com", "2026-12-02T10:01:02-05:00");
        deliver("customers/update", UUID.randomUUID().toString(), newer, WebhookSignature.sign("shpss_one", newer), Instant.now());
        processor.processDue();
        assertThat(events(id)).hasSize(2);
        assertThat((String) events(id).getLast().get("payload")).contains("ann.new@example.com");

        // customers/delete is remembered; a topic the CRM does not use is acknowledged, kept, and changes nothing
        byte[] deleted = ("{\"id\":" + id + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        deliver("customers/delete", UUID.randomUUID().toString(), deleted, WebhookSignature.sign("shpss_one", deleted), Instant.now());
        byte[] shopUpdate = "{\"id\":548380009,\"name\":\"Acme Outdoor\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(deliver("shop/update", UUID.randomUUID().toString(), shopUpdate, WebhookSignature.sign("shpss_one", shopUpdate),
                Instant.now()).status()).isEqualTo(200);
        processor.processDue();
        assertThat(jdbc.queryForObject("SELECT deleted FROM shopify_customer WHERE shop_domain = ? AND customer_id = ?",
                Boolean.class, shop, id)).isTrue();
        assertThat(jdbc.queryForList("SELECT status FROM webhook_receipt WHERE shop_domain = ? AND topic = 'shop/update'",
                String.class, shop)).containsExactly("done");
        assertThat(events(id)).hasSize(2);
    }

    @Test
    void forgedUnsignedReSerializedAndStaleDeliveriesAreRefusedAndNotStored() {
        connect("shpat_good", "shpss_one");
        byte[] body = customer("1001", "a@example.com", "2026-12-01T10:01:02-05:00");
        assertThat(deliver("customers/create", "e1", body, WebhookSignature.sign("wrong", body), Instant.now()).status())
                .isEqualTo(401);
        assertThat(deliver("customers/create", "e2", body, null, Instant.now()).status()).isEqualTo(401);
        byte[] respaced = new String(body, StandardCharsets.UTF_8).replace(",\n", ", ").getBytes(StandardCharsets.UTF_8);
        assertThat(deliver("customers/create", "e3", respaced, WebhookSignature.sign("shpss_one", body), Instant.now())
                .status()).isEqualTo(401);
        Api.Reply stale = deliver("customers/create", "e4", body, WebhookSignature.sign("shpss_one", body),
                Instant.now().minus(java.time.Duration.ofDays(8)));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.contentType()).contains("problem+json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ?", Integer.class, shop))
                .isZero();
        // a shop we do not know cannot sign anything
        shop = "unknown-" + UUID.randomUUID().toString().substring(0, 6) + ".myshopify.com";
        assertThat(deliver("customers/create", "e5", body, WebhookSignature.sign("shpss_one", body), Instant.now()).status())
                .isEqualTo(401);
    }

    @Test
    void afterASecretRotationTheOldSecretIsAcceptedDuringTheOverlap() {
        connect("shpat_good", "shpss_old");
        connect("shpat_good", "shpss_new");
        byte[] body = customer("2002", "b@example.com", "2026-12-01T10:01:02-05:00");
        assertThat(deliver("customers/create", "r1", body, WebhookSignature.sign("shpss_new", body), Instant.now()).status())
                .isEqualTo(200);
        assertThat(deliver("customers/create", "r2", body, WebhookSignature.sign("shpss_old", body), Instant.now()).status())
                .isEqualTo(200);
        // once the overlap is over, the old secret is refused
        jdbc.update("UPDATE shop SET previous_secret_until = now() - interval '1 minute' WHERE domain = ?", shop);
        assertThat(deliver("customers/create", "r3", body, WebhookSignature.sign("shpss_old", body), Instant.now()).status())
                .isEqualTo(401);
    }

    @Test
    void appUninstalledDeletesTheTokensAndDisconnectsTheShop() {
        connect("shpat_good", "shpss_one");
        byte[] body = ("{\"id\":548380009,\"name\":\"Acme Outdoor\",\"domain\":\"" + shop + "\",\"myshopify_domain\":\""
                + shop + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(deliver("app/uninstalled", "u1", body, WebhookSignature.sign("shpss_one", body), Instant.now()).status())
                .isEqualTo(200);
        processor.processDue();
        Map<String, Object> row = jdbc.queryForMap("SELECT status, access_token FROM shop WHERE domain = ?", shop);
        assertThat(row.get("status")).isEqualTo("disconnected");
        assertThat(row.get("access_token")).isNull();
        assertThat(admin.get("/api/shopify/shops/" + shop).json().path("status").asString()).isEqualTo("disconnected");
    }

    @Test
    void aDeliveryThatKeepsFailingIsDeadLetteredAndListedForAdmins() {
        connect("shpat_good", "shpss_one");
        byte[] broken = "{\"email\":\"no-id@example.com\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver("customers/create", "f1", broken, WebhookSignature.sign("shpss_one", broken), Instant.now())
                .status()).isEqualTo(200);
        processor.processDue(); // attempt 1 fails, retried at once (first-retry 0s), attempt 2 fails: dead letter
        processor.processDue();
        Api.Reply failed = admin.get("/api/shopify/webhooks?status=failed");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.body()).contains(shop).contains("\"status\":\"failed\"").contains("\"attempts\":2");
        assertThat(api.as(DemoUser.AGENT).get("/api/shopify/webhooks?status=failed").status()).isEqualTo(403);
        assertThat(admin.get("/api/shopify/webhooks?status=exploded").status()).isEqualTo(400);
    }
}
