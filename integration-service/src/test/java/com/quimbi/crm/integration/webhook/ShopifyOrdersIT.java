package com.quimbi.crm.integration.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;

/**
 * Orders and products end to end inside the service (real Postgres, Kafka, Redis, Keycloak; WireMock in Shopify's
 * place): signed order and fulfillment webhooks become schema-valid integration.order_synced events, newer only;
 * GET /api/customers/{id}/orders fetches from the GraphQL Admin API, is cached in Redis, evicted by an order
 * webhook, and served stale from the stored copy when Shopify fails; products are cached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ShopifyOrdersIT {

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
    }

    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";
    static final String COST = """
            "extensions":{"cost":{"requestedQueryCost":12,"actualQueryCost":8,"throttleStatus":{"maximumAvailable":2000.0,
             "currentlyAvailable":1992,"restoreRate":100.0}}}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WebhookProcessor processor;

    Api api;
    Api agent;
    String shop;
    String shopifyCustomerId;
    UUID customerId;

    @BeforeEach
    void setUp() {
        api = Api.at("http://localhost:" + port);
        agent = api.as(DemoUser.AGENT);
        shop = "shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        shopifyCustomerId = String.valueOf(9_007_199_254_740_993L + (long) (Math.random() * 1_000_000)); // > 2^53
        customerId = UUID.randomUUID();
        SHOPIFY.resetAll();
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("shop { name }"))
                .willReturn(json("{\"data\":{\"shop\":{\"name\":\"Acme Outdoor\"}}," + COST + "}")));
        Api.Reply connected = api.as(DemoUser.ADMIN).send(api.as(DemoUser.ADMIN).request("/api/shopify/shops/" + shop)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessToken\":\"shpat_good\",\"apiSecret\":\"shpss_one\"}")));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        // the customer as ticket-service announces it on crm.customer.events
        announceCustomer(customerId, "ann@example.com", shopifyCustomerId);
        jdbc.update("INSERT INTO shopify_customer (shop_domain, customer_id, updated_at) VALUES (?, ?, now())", shop,
                shopifyCustomerId);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    void announceCustomer(UUID id, String email, String shopifyId) {
        String event = """
                {"id":"%s","type":"customer.created","aggregateType":"customer","aggregateId":"%s",
                 "occurredAt":"2026-12-01T10:00:00Z","schemaVersion":1,"actor":{"type":"system","id":"ticket-service"},
                 "data":{"customerId":"%s","email":"%s",%s"tier":"standard","createdAt":"2026-12-01T10:00:00Z"}}"""
                .formatted(UUID.randomUUID(), id, id, email, shopifyId == null ? "" : "\"shopifyCustomerId\":\"" + shopifyId + "\",");
        EventContracts.assertValid(event);
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.CUSTOMER, id.toString(), event, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM crm_customer WHERE customer_id = ?", Integer.class, id) == 1);
    }

    Api.Reply deliver(String topic, byte[] body) {
        return api.send(api.request("/webhooks/shopify").header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic).header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
                .header("X-Shopify-Hmac-Sha256", WebhookSignature.sign("shpss_one", body))
                .header("X-Shopify-Triggered-At", Instant.now().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** orders/create|updated|cancelled, shaped like Shopify's REST webhook payload. */
    byte[] order(String orderId, String financialStatus, String updatedAt, String fulfillments) {
        return """
                {"id":%s,"admin_graphql_api_id":"gid://shopify/Order/%s","name":"#1001","email":"Ann@Example.com",
                 "created_at":"2026-12-01T09:00:00-05:00","updated_at":"%s","cancelled_at":null,"currency":"USD",
                 "financial_status":"%s","fulfillment_status":null,"total_price":"129.90","subtotal_price":"119.90",
                 "customer":{"id":%s,"email":"ann@example.com","first_name":"Ann","last_name":"Kowalski"},
                 "line_items":[{"id":866550311766439020,"title":"Trail Runner GTX","variant_title":"42 / Blue",
                   "sku":"TR-GTX-42-BL","quantity":1,"price":"119.90","product_id":788032119674292922,
                   "variant_id":642667041472713922,"name":"Trail Runner GTX - 42 / Blue"}],
                 "fulfillments":%s}"""
                .formatted(orderId, orderId, updatedAt, financialStatus, shopifyCustomerId, fulfillments)
                .getBytes(StandardCharsets.UTF_8);
    }

    List<JsonNode> events(String orderId) {
        return jdbc.queryForList("SELECT payload::text FROM outbox WHERE aggregateid = ? ORDER BY occurredat", String.class, orderId)
                .stream().map(p -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(p)).toList();
    }

    void stubOrders(String status) {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("CustomerOrders"))
                .willReturn(json("""
                        {"data":{"customer":{"id":"gid://shopify/Customer/%s","orders":{"nodes":[
                          {"id":"gid://shopify/Order/5890113470621","name":"#1001","createdAt":"2026-12-01T14:00:00Z",
                           "updatedAt":"2026-12-02T08:00:00Z","cancelledAt":null,"displayFinancialStatus":"%s",
                           "displayFulfillmentStatus":"FULFILLED",
                           "totalPriceSet":{"shopMoney":{"amount":"129.9","currencyCode":"USD"}},
                           "lineItems":{"nodes":[{"title":"Trail Runner GTX","variantTitle":"42 / Blue","sku":"TR-GTX-42-BL",
                             "quantity":1,"originalUnitPriceSet":{"shopMoney":{"amount":"119.9","currencyCode":"USD"}},
                             "product":{"id":"gid://shopify/Product/788032119674292922"},
                             "variant":{"id":"gid://shopify/ProductVariant/642667041472713922"}}]},
                           "fulfillments":[{"status":"SUCCESS","trackingInfo":[{"company":"UPS","number":"1Z2345",
                             "url":"https://www.ups.com/track?tracknum=1Z2345"}]}]}]}}},%s}""".formatted(shopifyCustomerId, status, COST))));
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("query Products"))
                .willReturn(json("""
                        {"data":{"nodes":[{"id":"gid://shopify/Product/788032119674292922","title":"Trail Runner GTX",
                          "updatedAt":"2026-11-20T10:00:00Z",
                          "featuredMedia":{"preview":{"image":{"url":"https://cdn.shopify.com/s/files/trail-runner.jpg"}}},
                          "variants":{"nodes":[{"id":"gid://shopify/ProductVariant/642667041472713922","title":"42 / Blue",
                            "sku":"TR-GTX-42-BL","price":"119.90"}]}}]},%s}""".formatted(COST))));
    }

    @Test
    void signedOrderWebhooksBecomeValidEventsNewerOnly() {
        String orderId = "5890113470621" + (int) (Math.random() * 1000);
        byte[] created = order(orderId, "pending", "2026-12-01T09:00:05-05:00", "[]");
        assertThat(deliver("orders/create", created).status()).isEqualTo(200);
        processor.processDue();
        List<JsonNode> events = events(orderId);
        assertThat(events).hasSize(1);
        EventContracts.assertValid(events.getFirst().toString());
        JsonNode data = events.getFirst().path("data");
        assertThat(data.path("orderId").asString()).isEqualTo(orderId);
        assertThat(data.path("customerId").asString()).isEqualTo(shopifyCustomerId);
        assertThat(data.path("email").asString()).isEqualTo("ann@example.com");
        assertThat(data.path("financialStatus").asString()).isEqualTo("pending");
        assertThat(data.path("fulfillmentStatus").asString()).isEqualTo("unfulfilled");
        assertThat(data.path("totalPrice").path("amount").asString()).isEqualTo("129.90");
        assertThat(data.path("lineItems").path(0).path("productId").asString()).isEqualTo("788032119674292922");

        // an older copy delivered late and a replay of the same copy change nothing
        deliver("orders/updated", order(orderId, "voided", "2026-12-01T09:00:01-05:00", "[]"));
        deliver("orders/updated", created);
        processor.processDue();
        assertThat(events(orderId)).hasSize(1);

        // a newer one applies
        deliver("orders/updated", order(orderId, "paid", "2026-12-01T10:00:00-05:00", "[]"));
        processor.processDue();
        assertThat(events(orderId)).hasSize(2);
        assertThat(events(orderId).getLast().path("data").path("financialStatus").asString()).isEqualTo("paid");

        // a fulfillment with tracking (fulfillments/create carries order_id): the order again, with its tracking
        byte[] fulfillment = """
                {"id":255858046,"order_id":%s,"status":"success","created_at":"2026-12-02T08:00:00-05:00",
                 "updated_at":"2026-12-02T08:00:00-05:00","tracking_company":"UPS","tracking_number":"1Z2345",
                 "tracking_numbers":["1Z2345"],"tracking_url":"https://www.ups.com/track?tracknum=1Z2345",
                 "tracking_urls":["https://www.ups.com/track?tracknum=1Z2345"],"line_items":[]}"""
                .formatted(orderId).getBytes(StandardCharsets.UTF_8);
        deliver("fulfillments/create", fulfillment);
        processor.processDue();
        assertThat(events(orderId)).hasSize(3);
        JsonNode shipped = events(orderId).getLast();
        EventContracts.assertValid(shipped.toString());
        assertThat(shipped.path("data").path("fulfillments").path(0).path("trackingNumber").asString()).isEqualTo("1Z2345");
        assertThat(shipped.path("data").path("fulfillments").path(0).path("trackingCompany").asString()).isEqualTo("UPS");
        // the same fulfillment again: nothing new
        deliver("fulfillments/update", fulfillment);
        processor.processDue();
        assertThat(events(orderId)).hasSize(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_receipt WHERE shop_domain = ? AND status <> 'done'",
                Integer.class, shop)).isZero();
    }

    @Test
    void ordersAreFetchedCachedEvictedByAWebhookAndServedStaleWhenShopifyFails() {
        stubOrders("PAID");
        Api.Reply first = agent.get("/api/customers/" + customerId + "/orders");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode body = first.json();
        assertThat(body.path("stale").asBoolean()).isFalse();
        assertThat(body.path("shopifyCustomerId").asString()).isEqualTo(shopifyCustomerId);
        JsonNode order = body.path("orders").path(0);
        assertThat(order.path("name").asString()).isEqualTo("#1001");
        assertThat(order.path("financialStatus").asString()).isEqualTo("paid");
        assertThat(order.path("fulfillmentStatus").asString()).isEqualTo("fulfilled");
        assertThat(order.path("total").path("amount").asString()).isEqualTo("129.9");
        assertThat(order.path("lineItems").path(0).path("productTitle").asString()).isEqualTo("Trail Runner GTX");
        assertThat(order.path("lineItems").path(0).path("imageUrl").asString()).endsWith("trail-runner.jpg");
        assertThat(order.path("fulfillments").path(0).path("company").asString()).isEqualTo("UPS");
        assertThat(order.path("fulfillments").path(0).path("number").asString()).isEqualTo("1Z2345");
        assertThat(order.path("fulfillments").path(0).path("url").asString()).contains("1Z2345");
        SHOPIFY.verify(1, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("CustomerOrders"))
                .withRequestBody(containing("gid://shopify/Customer/" + shopifyCustomerId)));
        // the product is cached now
        assertThat(jdbc.queryForObject("SELECT title FROM shopify_product WHERE shop_domain = ? AND product_id = ?",
                String.class, shop, "788032119674292922")).isEqualTo("Trail Runner GTX");

        // second call: from Redis, Shopify not asked again
        assertThat(agent.get("/api/customers/" + customerId + "/orders").json().path("orders").path(0).path("name")
                .asString()).isEqualTo("#1001");
        SHOPIFY.verify(1, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("CustomerOrders")));
        SHOPIFY.verify(1, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("query Products")));

        // an order webhook of that customer evicts the entry: the next call asks Shopify again
        stubOrders("REFUNDED");
        deliver("orders/updated", order("777" + (int) (Math.random() * 100000), "refunded", "2026-12-03T10:00:00Z", "[]"));
        processor.processDue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(agent.get("/api/customers/" + customerId
                + "/orders").json().path("orders").path(0).path("financialStatus").asString()).isEqualTo("refunded"));
        SHOPIFY.verify(2, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("CustomerOrders")));

        // Shopify fails (5xx on every attempt): the last stored copy, marked stale, never a 500
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("CustomerOrders"))
                .willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
        deliver("orders/updated", order("778" + (int) (Math.random() * 100000), "paid", "2026-12-04T10:00:00Z", "[]"));
        processor.processDue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Api.Reply stale = agent.get("/api/customers/" + customerId + "/orders");
            assertThat(stale.status()).as(stale.toString()).isEqualTo(200);
            assertThat(stale.json().path("stale").asBoolean()).isTrue();
            assertThat(stale.json().path("orders").path(0).path("name").asString()).isEqualTo("#1001");
            assertThat(stale.json().path("orders").path(0).path("financialStatus").asString()).isEqualTo("refunded");
            assertThat(stale.json().path("reason").asString()).contains("Shopify could not be asked");
        });
    }

    @Test
    void noShopifyLinkIsAnEmptyListUnknownIs404AndATokenIsNeeded() {
        UUID plain = UUID.randomUUID();
        announceCustomer(plain, "walk-in@example.com", null);
        Api.Reply unlinked = agent.get("/api/customers/" + plain + "/orders");
        assertThat(unlinked.status()).as(unlinked.toString()).isEqualTo(200);
        assertThat(unlinked.json().path("orders").isEmpty()).isTrue();
        assertThat(unlinked.json().path("reason").asString()).contains("no Shopify customer id");

        Api.Reply unknown = agent.get("/api/customers/" + UUID.randomUUID() + "/orders");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        assertThat(api.get("/api/customers/" + customerId + "/orders").status()).isEqualTo(401);
        assertThat(api.as(DemoUser.SUPERVISOR).get("/api/customers/" + customerId + "/orders").status()).isEqualTo(200);
    }

    @Test
    void aCustomerLinkedToShopifyLaterOrMergedIntoAnotherAnswersWithTheShopifyOrders() {
        stubOrders("PAID");
        UUID walkIn = UUID.randomUUID();
        announceCustomer(walkIn, "walk-in@example.com", null);
        assertThat(agent.get("/api/customers/" + walkIn + "/orders").json().path("orders").isEmpty()).isTrue();
        // an agent links the customer to its Shopify customer (customer.updated)
        customerEvent("customer.updated", walkIn, """
                {"customerId":"%s","changes":{"shopifyCustomerId":{"new":"%s"},"tier":{"old":"standard","new":"vip"}},
                 "version":2,"updatedAt":"2026-12-02T10:00:00Z"}""".formatted(walkIn, shopifyCustomerId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(agent.get("/api/customers/" + walkIn + "/orders")
                .json().path("orders").path(0).path("name").asString()).isEqualTo("#1001"));

        // a duplicate merged into it: its orders are the survivor's
        UUID duplicate = UUID.randomUUID();
        announceCustomer(duplicate, "walk.in@example.com", null);
        assertThat(agent.get("/api/customers/" + duplicate + "/orders").json().path("orders").isEmpty()).isTrue();
        customerEvent("customer.merged", walkIn, """
                {"customerId":"%s","sourceCustomerId":"%s","email":"walk-in@example.com","movedTickets":1,
                 "mergedAt":"2026-12-03T10:00:00Z"}""".formatted(walkIn, duplicate));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode merged = agent.get("/api/customers/" + duplicate + "/orders").json();
            assertThat(merged.path("shopifyCustomerId").asString()).isEqualTo(shopifyCustomerId);
            assertThat(merged.path("orders").path(0).path("name").asString()).isEqualTo("#1001");
        });
    }

    void customerEvent(String type, UUID aggregate, String data) {
        String event = """
                {"id":"%s","type":"%s","aggregateType":"customer","aggregateId":"%s","occurredAt":"2026-12-02T10:00:00Z",
                 "schemaVersion":1,"actor":{"type":"agent","id":"alex"},"data":%s}""".formatted(UUID.randomUUID(), type,
                aggregate, data);
        EventContracts.assertValid(event);
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.CUSTOMER, aggregate.toString(), event,
                Map.of());
    }

    @Test
    void productsUpdateWebhooksRefreshTheCacheNewerOnly() {
        byte[] product = """
                {"id":632910392,"title":"IPod Nano - 8GB","updated_at":"2026-12-01T10:00:00-05:00","status":"active",
                 "variants":[{"id":808950810,"product_id":632910392,"title":"Pink","price":"199.00","sku":"IPOD2008PINK"}],
                 "image":{"id":850703190,"product_id":632910392,"src":"https://cdn.shopify.com/s/files/ipod-nano.png"},
                 "images":[]}""".getBytes(StandardCharsets.UTF_8);
        deliver("products/update", product);
        processor.processDue();
        Map<String, Object> row = jdbc.queryForMap("SELECT title, image_url, variants::text AS variants FROM shopify_product "
                + "WHERE shop_domain = ? AND product_id = '632910392'", shop);
        assertThat(row.get("title")).isEqualTo("IPod Nano - 8GB");
        assertThat(row.get("image_url")).isEqualTo("https://cdn.shopify.com/s/files/ipod-nano.png");
        assertThat((String) row.get("variants")).contains("IPOD2008PINK").contains("199.00");

        byte[] older = new String(product, StandardCharsets.UTF_8).replace("IPod Nano - 8GB", "Old name")
                .replace("2026-12-01T10:00:00", "2026-11-01T10:00:00").getBytes(StandardCharsets.UTF_8);
        deliver("products/update", older);
        processor.processDue();
        assertThat(jdbc.queryForObject("SELECT title FROM shopify_product WHERE shop_domain = ? AND product_id = '632910392'",
                String.class, shop)).isEqualTo("IPod Nano - 8GB");
    }
}
