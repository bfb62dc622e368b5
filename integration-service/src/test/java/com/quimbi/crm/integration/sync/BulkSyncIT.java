package com.quimbi.crm.integration.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

import tools.jackson.databind.JsonNode;

/**
 * A shop above the bulk threshold is read with one bulk operation (Shopify = WireMock, answering like the GraphQL
 * Admin API's bulkOperationRunQuery / BulkOperation and serving the JSONL result): started once, polled until it
 * completes, its file downloaded without our access token, applied a chunk per transaction, nobody synced twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BulkSyncIT {

    static final WireMockServer SHOPIFY = new WireMockServer(wireMockConfig().dynamicPort());
    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";
    static final int CUSTOMERS = 7;

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
        registry.add("crm.integration.sync.bulk-threshold", () -> "5");
        registry.add("crm.integration.sync.bulk-poll-interval", () -> "100ms");
        registry.add("crm.integration.sync.bulk-chunk", () -> "3");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api admin;
    String shop;

    @BeforeEach
    void setUp() {
        admin = Api.at("http://localhost:" + port).as(DemoUser.ADMIN);
        shop = "bulk-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        SHOPIFY.resetAll();
        json(containing("shop { name }"), "{\"data\":{\"shop\":{\"name\":\"Big Shop\"}}}");
        json(containing("customersCount"), """
                {"data":{"customersCount":{"count":5,"precision":"AT_LEAST"}}}""");
        json(containing("bulkOperationRunQuery"), """
                {"data":{"bulkOperationRunQuery":{"bulkOperation":{"id":"gid://shopify/BulkOperation/720","status":"CREATED"},
                 "userErrors":[]}}}""");
        Api.Reply connected = admin.send(admin.request("/api/shopify/shops/" + shop).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessToken\":\"shpat_bulk\",\"apiSecret\":\"shpss_bulk\"}")));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    }

    void json(com.github.tomakehurst.wiremock.matching.StringValuePattern body, String answer) {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(body)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(answer)));
    }

    /** The operation runs for one poll, then completes with its file (or ends as {@code finalStatus}). */
    void operation(String finalStatus, String url) {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("BulkStatus")).inScenario("op")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"node":{"id":"gid://shopify/BulkOperation/720","status":"RUNNING","errorCode":null,
                         "objectCount":"3","url":null}}}""")));
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).withRequestBody(containing("BulkStatus")).inScenario("op")
                .whenScenarioStateIs("done")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"node":{"id":"gid://shopify/BulkOperation/720","status":"%s","errorCode":%s,
                         "objectCount":"%d","url":%s}}}""".formatted(finalStatus,
                        "FAILED".equals(finalStatus) ? "\"INTERNAL_SERVER_ERROR\"" : "null", CUSTOMERS,
                        url == null ? "null" : "\"" + url + "\""))));
    }

    /** The JSONL a bulk query of customers writes: one customer object per line. */
    static String jsonl() {
        return IntStream.rangeClosed(1, CUSTOMERS).mapToObj(i -> """
                {"id":"gid://shopify/Customer/88%02d","firstName":"Bulk","lastName":"Buyer %d","updatedAt":"2026-12-01T10:00:00Z",\
                "numberOfOrders":"2","tags":["wholesale"],"amountSpent":{"amount":"90.00","currencyCode":"EUR"},\
                "defaultEmailAddress":{"emailAddress":"bulk%d@example.com"},"defaultPhoneNumber":null}"""
                .formatted(i, i, i)).collect(Collectors.joining("\n", "", "\n"));
    }

    Api.Reply start(String mode) {
        return admin.send(admin.request("/api/shopify/sync/customers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"shop\":\"" + shop + "\"" + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}")));
    }

    JsonNode awaitEnd(String location) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !"running".equals(admin.get(location).json().path("state").asString()));
        return admin.get(location).json();
    }

    long events() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE type = 'integration.customer_synced' AND payload->'actor'->>'id' = ?",
                Long.class, shop);
    }

    @Test
    void aLargeShopIsReadWithOneBulkOperationAppliedInChunksAndNobodyIsSyncedTwice() {
        String url = SHOPIFY.baseUrl() + "/bulk/720.jsonl?X-Goog-Signature=abc";
        operation("COMPLETED", url);
        // the storage host has a bad moment on the first download: the chunk is tried again
        SHOPIFY.stubFor(get(urlEqualTo("/bulk/720.jsonl?X-Goog-Signature=abc")).inScenario("download")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok").willReturn(aResponse().withStatus(503)));
        SHOPIFY.stubFor(get(urlEqualTo("/bulk/720.jsonl?X-Goog-Signature=abc")).inScenario("download")
                .whenScenarioStateIs("ok").willReturn(aResponse().withHeader("Content-Type", "application/jsonl").withBody(jsonl())));

        Api.Reply started = start(null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode job = awaitEnd(started.header("Location"));
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("done");
        assertThat(job.path("mode").asString()).isEqualTo("bulk");
        assertThat(job.path("seen").asInt()).isEqualTo(CUSTOMERS);
        assertThat(job.path("synced").asInt()).isEqualTo(CUSTOMERS);
        assertThat(job.path("pages").asInt()).as("chunks of 3").isEqualTo(3);
        assertThat(events()).isEqualTo(CUSTOMERS);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT aggregateid) FROM outbox WHERE type = 'integration.customer_synced' "
                + "AND payload->'actor'->>'id' = ?", Long.class, shop)).isEqualTo(CUSTOMERS);
        jdbc.queryForList("SELECT payload::text FROM outbox WHERE type = 'integration.customer_synced' AND payload->'actor'->>'id' = ?",
                String.class, shop).forEach(EventContracts::assertValid);

        // started exactly once (a mutation is never retried), never paged, the file fetched without our token
        SHOPIFY.verify(1, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("bulkOperationRunQuery")));
        SHOPIFY.verify(0, postRequestedFor(urlEqualTo(GRAPHQL)).withRequestBody(containing("customers(first")));
        SHOPIFY.verify(2, getRequestedFor(urlEqualTo("/bulk/720.jsonl?X-Goog-Signature=abc"))
                .withHeader("X-Shopify-Access-Token", absent()));

        // the same file again, as an explicit bulk job: nothing is newer, nothing is synced twice
        SHOPIFY.resetScenarios();
        SHOPIFY.stubFor(get(urlEqualTo("/bulk/720.jsonl?X-Goog-Signature=abc"))
                .willReturn(aResponse().withHeader("Content-Type", "application/jsonl").withBody(jsonl())));
        JsonNode again = awaitEnd(start("bulk").header("Location"));
        assertThat(again.path("state").asString()).isEqualTo("done");
        assertThat(again.path("unchanged").asInt()).isEqualTo(CUSTOMERS);
        assertThat(events()).isEqualTo(CUSTOMERS);
    }

    @Test
    void aFailedBulkOperationFailsTheJobWithShopifysErrorCode() {
        operation("FAILED", null);
        JsonNode job = awaitEnd(start(null).header("Location"));
        assertThat(job.path("state").asString()).isEqualTo("failed");
        assertThat(job.path("lastError").asString()).contains("failed").contains("INTERNAL_SERVER_ERROR");
        assertThat(events()).isZero();
    }

    @Test
    void anUnknownModeIsAProblemNamingTheAllowedValues() {
        Api.Reply wrong = start("turbo");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("mode").contains("bulk");
    }
}
