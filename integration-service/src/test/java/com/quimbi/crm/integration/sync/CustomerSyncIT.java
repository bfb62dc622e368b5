package com.quimbi.crm.integration.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * The customer sync against WireMock answering like the GraphQL Admin API: cursor paging, a cost bucket that
 * runs low (the job waits for it), a 5xx burst on the second page (the job resumes from the saved cursor), and
 * no customer synced twice, also when the whole sync runs again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CustomerSyncIT {

    static final WireMockServer SHOPIFY = new WireMockServer(wireMockConfig().dynamicPort());
    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";

    static {
        SHOPIFY.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.integration.shopify.admin-base-url", SHOPIFY::baseUrl);
        registry.add("crm.integration.shopify.retry-wait", () -> "10ms");
        registry.add("crm.integration.shopify.retry-attempts", () -> "1");
        registry.add("crm.integration.webhooks.processing-enabled", () -> "false");
        registry.add("crm.integration.sync.poll-interval", () -> "100ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api admin;
    String shop;

    static String node(String id, String email, String updatedAt) {
        return """
                {"id":"gid://shopify/Customer/%s","firstName":"Cus","lastName":"Tomer %s","updatedAt":"%s",
                 "numberOfOrders":"3","tags":["vip"],"amountSpent":{"amount":"199.0","currencyCode":"USD"},
                 "defaultEmailAddress":{"emailAddress":"%s"},"defaultPhoneNumber":{"phoneNumber":"+16135550199"}}"""
                .formatted(id, id, updatedAt, email);
    }

    static String page(List<String> nodes, boolean hasNext, String endCursor, int available) {
        return """
                {"data":{"customers":{"pageInfo":{"hasNextPage":%s,"endCursor":"%s"},"nodes":[%s]}},
                 "extensions":{"cost":{"requestedQueryCost":52,"actualQueryCost":12,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":%d,"restoreRate":100.0}}}}"""
                .formatted(hasNext, endCursor, String.join(",", nodes), available);
    }

    @BeforeEach
    void setUp() {
        admin = Api.at("http://localhost:" + port).as(DemoUser.ADMIN);
        shop = "sync-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        SHOPIFY.resetAll();
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("shop { name }"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"shop\":{\"name\":\"Sync Shop\"}}}")));
        // a small shop: auto mode reads it with cursor pages (BulkSyncIT covers the large ones)
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("customersCount"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"customersCount\":{\"count\":3,\"precision\":\"EXACT\"}}}")));
        Api.Reply connected = admin.send(admin.request("/api/shopify/shops/" + shop).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessToken\":\"shpat_sync\",\"apiSecret\":\"shpss_sync\"}")));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    }

    long events() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = 'integration.customer_synced' AND payload->'actor'->>'id' = ?",
                Long.class, shop);
    }

    @Test
    void pagesThroughCustomersWaitsForTheBucketResumesAfterA5xxBurstAndNeverSyncsTwice() {
        // page 1 leaves the bucket nearly dry (5 of 2000 points): the job must wait before page 2
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(notContaining("\"after\""))
                .withRequestBody(containing("customers(first"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(List.of(
                        node("9001", "a@example.com", "2026-12-01T10:00:00Z"),
                        node("9002", "b@example.com", "2026-12-01T10:00:00Z")), true, "cursor-1", 5))));
        // page 2: two 503s first (Shopify having a bad minute), then the page
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(matchingJsonPath("$.variables.after", equalTo("cursor-1")))
                .inScenario("burst").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("one")
                .willReturn(aResponse().withStatus(503)));
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(matchingJsonPath("$.variables.after", equalTo("cursor-1")))
                .inScenario("burst").whenScenarioStateIs("one").willSetStateTo("ok")
                .willReturn(aResponse().withStatus(503)));
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(matchingJsonPath("$.variables.after", equalTo("cursor-1")))
                .inScenario("burst").whenScenarioStateIs("ok")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(List.of(
                        node("9003", "c@example.com", "2026-12-01T10:00:00Z")), false, "cursor-2", 1990))));

        Api.Reply started = admin.send(admin.request("/api/shopify/sync/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"shop\":\"" + shop + "\"}")));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/shopify/sync/");

        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(admin.get(location).json().path("state").asString()));
        var job = admin.get(location).json();
        assertThat(job.path("mode").asString()).isEqualTo("pages");
        assertThat(job.path("pages").asInt()).isEqualTo(2);
        assertThat(job.path("seen").asInt()).isEqualTo(3);
        assertThat(job.path("synced").asInt()).isEqualTo(3);
        assertThat(events()).isEqualTo(3);
        // page 1 asked once, page 2 three times (two failures, then the page): resumed from the saved cursor
        SHOPIFY.verify(1, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("customers(first"))
                .withRequestBody(notContaining("\"after\"")));
        SHOPIFY.verify(3, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(matchingJsonPath("$.variables.after", equalTo("cursor-1"))));
        jdbc.queryForList("SELECT payload::text AS p FROM outbox WHERE type = 'integration.customer_synced' AND payload->'actor'->>'id' = ?",
                String.class, shop).forEach(payload -> {
                    EventContracts.assertValid(payload);
                    assertThat(payload).contains("\"tags\": [\"vip\"]").contains("\"ordersCount\": 3")
                            .contains("\"totalSpent\": {\"amount\": \"199.0\", \"currency\": \"USD\"}");
                });

        // the same customers again: nothing is newer, nothing is synced twice
        Api.Reply again = admin.send(admin.request("/api/shopify/sync/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"shop\":\"" + shop + "\"}")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(admin.get(again.header("Location")).json().path("state").asString()));
        assertThat(admin.get(again.header("Location")).json().path("unchanged").asInt()).isEqualTo(3);
        assertThat(events()).isEqualTo(3);
    }

    @Test
    void syncIsForAdminsOfConnectedShops() {
        Api agent = Api.at("http://localhost:" + port).as(DemoUser.AGENT);
        assertThat(agent.post("/api/shopify/sync/customers", "{\"shop\":\"" + shop + "\"}").status()).isEqualTo(403);
        assertThat(admin.post("/api/shopify/sync/customers", "{\"shop\":\"nobody.myshopify.com\"}").status()).isEqualTo(404);
        assertThat(admin.get("/api/shopify/sync/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}
