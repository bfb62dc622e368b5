package com.quimbi.crm.integration.shopify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.client.RestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.quimbi.crm.integration.config.IntegrationProperties;

/**
 * ShopifyClient against WireMock answering like the GraphQL Admin API and the OAuth token endpoint: which answers
 * are retried (reads on 5xx/429/throttling), which never (mutations, token requests), which are a refused token
 * rather than Shopify being unavailable, and that the breaker opens after a run of failures.
 */
class ShopifyClientTest {

    static final WireMockServer SHOPIFY = new WireMockServer(wireMockConfig().dynamicPort());
    static final String GRAPHQL = "/admin/api/2026-10/graphql.json";
    static final String TOKEN = "/admin/oauth/access_token";

    ShopifyClient client;

    @BeforeAll
    static void start() {
        SHOPIFY.start();
    }

    @AfterAll
    static void stop() {
        SHOPIFY.stop();
    }

    @BeforeEach
    void setUp() {
        SHOPIFY.resetAll();
        client = client(SHOPIFY.baseUrl());
    }

    static ShopifyClient client(String baseUrl) {
        Map<String, String> settings = new HashMap<>();
        if (baseUrl != null) {
            settings.put("crm.integration.shopify.admin-base-url", baseUrl);
        }
        settings.put("crm.integration.shopify.api-key", "app-key");
        settings.put("crm.integration.shopify.api-secret", "app-secret");
        settings.put("crm.integration.shopify.retry-attempts", "3");
        settings.put("crm.integration.shopify.retry-wait", "5ms");
        settings.put("crm.integration.shopify.read-timeout", "2s");
        IntegrationProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("crm.integration", IntegrationProperties.class);
        return new ShopifyClient(RestClient.builder(), properties);
    }

    int graphqlCalls() {
        return SHOPIFY.findAll(postRequestedFor(urlEqualTo(GRAPHQL))).size();
    }

    @Test
    void aReadIsRetriedThroughA5xxAndAnswersTheDataAndTheCostBucket() {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("flaky").whenScenarioStateIs("Started")
                .willSetStateTo("up").willReturn(aResponse().withStatus(502)));
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson("""
                {"data":{"shop":{"name":"Maple Goods"}},"extensions":{"cost":{"requestedQueryCost":2,"actualQueryCost":1,
                 "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1999,"restoreRate":100.0}}}}""")));

        GraphQlAnswer answer = client.query("maple.myshopify.com", "shpat_secret", "{ shop { name } }", Map.of());

        assertThat(answer.data().path("shop").path("name").asString()).isEqualTo("Maple Goods");
        assertThat(answer.throttle().currentlyAvailable()).isEqualTo(1999);
        assertThat(answer.throttle().actualCost()).isEqualTo(1);
        assertThat(graphqlCalls()).isEqualTo(2);
        assertThat(SHOPIFY.findAll(postRequestedFor(urlEqualTo(GRAPHQL))).getLast().getHeader("X-Shopify-Access-Token"))
                .isEqualTo("shpat_secret");
    }

    @Test
    void aRefusedTokenIsNotRetriedAndSaysWhichShop() {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> client.shopName("maple.myshopify.com", "revoked"))
                .isInstanceOf(ShopifyCredentialsRejectedException.class)
                .hasMessageContaining("maple.myshopify.com").hasMessageContaining("HTTP 401");
        assertThat(graphqlCalls()).isEqualTo(1);
    }

    @Test
    void throttlingIsRetriedAndThenUnavailable() {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        assertThatThrownBy(() -> client.query("maple.myshopify.com", "t", "{ shop { name } }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessageContaining("429");
        assertThat(graphqlCalls()).isEqualTo(3);

        SHOPIFY.resetRequests();
        client = client(SHOPIFY.baseUrl()); // a fresh breaker: three failures more would open this one
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(okJson("""
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}""")));
        assertThatThrownBy(() -> client.query("maple.myshopify.com", "t", "{ shop { name } }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify throttled the call");
        assertThat(graphqlCalls()).isEqualTo(3);
    }

    @Test
    void aGraphQlAccessErrorIsARefusalWithShopifysMessage() {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(okJson("""
                {"errors":[{"message":"Access denied for customers field.","extensions":{"code":"ACCESS_DENIED"}}]}""")));
        assertThatThrownBy(() -> client.query("maple.myshopify.com", "t", "{ customers { id } }", Map.of()))
                .isInstanceOf(ShopifyCredentialsRejectedException.class)
                .hasMessage("Shopify refused the query: Access denied for customers field.");
        assertThat(graphqlCalls()).isEqualTo(1);
    }

    @Test
    void aMutationIsNeverRetriedAndAnEmptyAnswerIsUnavailable() {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> client.mutate("maple.myshopify.com", "t", "mutation { bulkOperationRunQuery }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify answered HTTP 503");
        assertThat(graphqlCalls()).isEqualTo(1);

        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")));
        assertThatThrownBy(() -> client.mutate("maple.myshopify.com", "t", "mutation { x }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify answered no body");
    }

    @Test
    void anUnreachableShopIsUnavailableAndOpensTheBreaker() {
        ShopifyClient nowhere = client("http://127.0.0.1:9");
        // every try of a read counts: three failed tries, then two failed (never retried) mutations
        assertThatThrownBy(() -> nowhere.query("maple.myshopify.com", "t", "{ shop { name } }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify not reachable");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> nowhere.mutate("maple.myshopify.com", "t", "mutation { x }", Map.of()))
                    .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify not reachable");
        }
        // five failed calls of the last ten: the breaker is open and Shopify is not asked any more
        assertThatThrownBy(() -> nowhere.mutate("maple.myshopify.com", "t", "mutation { x }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify circuit open");
        assertThatThrownBy(() -> nowhere.query("maple.myshopify.com", "t", "{ shop { name } }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify circuit open");
        assertThatThrownBy(() -> nowhere.refresh("maple.myshopify.com", "shprt_1"))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify circuit open");
    }

    @Test
    void aBrokenOrGarbledAnswerIsShopifyUnavailableNotAnError() {
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> client.mutate("maple.myshopify.com", "t", "mutation { x }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify answered unreadably");
        SHOPIFY.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": {\"shop\": ")));
        assertThatThrownBy(() -> client.query("maple.myshopify.com", "t", "{ shop { name } }", Map.of()))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify answered unreadably");
        SHOPIFY.stubFor(post(urlEqualTo(TOKEN)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("<html>maintenance</html>")));
        assertThatThrownBy(() -> client.exchangeCode("maple.myshopify.com", "code"))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify answered unreadably");
    }

    @Test
    void theCodeExchangeGrantsAnExpiringTokenAndARefreshToken() {
        SHOPIFY.stubFor(post(urlEqualTo(TOKEN)).withRequestBody(containing("\"code\":\"code-1\"")).willReturn(okJson("""
                {"access_token":"shpat_new","expires_in":86399,"refresh_token":"shprt_new","refresh_token_expires_in":7775999,
                 "scope":"read_customers,read_orders"}""")));
        Instant before = Instant.now();
        TokenGrant grant = client.exchangeCode("maple.myshopify.com", "code-1");
        assertThat(grant.accessToken()).isEqualTo("shpat_new");
        assertThat(grant.refreshToken()).isEqualTo("shprt_new");
        assertThat(grant.scopes()).isEqualTo("read_customers,read_orders");
        assertThat(grant.expiresAt()).isAfter(before.plusSeconds(86000)).isBefore(Instant.now().plusSeconds(86400));
        assertThat(grant.toString()).doesNotContain("shpat_new", "shprt_new");
        String sent = SHOPIFY.findAll(postRequestedFor(urlEqualTo(TOKEN))).getFirst().getBodyAsString();
        assertThat(sent).contains("\"client_id\":\"app-key\"", "\"client_secret\":\"app-secret\"", "\"expiring\":\"1\"");

        // a token without expiry (a non-expiring offline token) has none
        SHOPIFY.stubFor(post(urlEqualTo(TOKEN)).withRequestBody(containing("refresh_token")).willReturn(okJson("""
                {"access_token":"shpat_forever","scope":"read_orders"}""")));
        TokenGrant refreshed = client.refresh("maple.myshopify.com", "shprt_new");
        assertThat(refreshed.accessToken()).isEqualTo("shpat_forever");
        assertThat(refreshed.expiresAt()).isNull();
        assertThat(refreshed.refreshToken()).isNull();
    }

    @Test
    void aTokenRequestIsRefusedOn4xxUnavailableOn5xxAndNeverRetried() {
        SHOPIFY.stubFor(post(urlEqualTo(TOKEN)).withRequestBody(containing("used-code")).willReturn(aResponse()
                .withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_request\",\"error_description\":\"authorization code was already used\"}")));
        SHOPIFY.stubFor(post(urlEqualTo(TOKEN)).withRequestBody(containing("down-code"))
                .willReturn(aResponse().withStatus(500)));
        SHOPIFY.stubFor(post(urlEqualTo(TOKEN)).withRequestBody(containing("empty-code")).willReturn(okJson("{}")));

        assertThatThrownBy(() -> client.exchangeCode("maple.myshopify.com", "used-code"))
                .isInstanceOf(ShopifyCredentialsRejectedException.class).hasMessageContaining("HTTP 400");
        assertThatThrownBy(() -> client.exchangeCode("maple.myshopify.com", "down-code"))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify answered HTTP 500");
        assertThatThrownBy(() -> client.exchangeCode("maple.myshopify.com", "empty-code"))
                .isInstanceOf(ShopifyCredentialsRejectedException.class).hasMessage("Shopify granted no access token");
        assertThat(SHOPIFY.findAll(postRequestedFor(urlEqualTo(TOKEN)))).hasSize(3);

        ShopifyClient nowhere = client("http://127.0.0.1:9");
        assertThatThrownBy(() -> nowhere.exchangeCode("maple.myshopify.com", "code"))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("Shopify not reachable");
    }

    @Test
    void aBulkResultIsDownloadedWithoutTheAccessToken(@TempDir Path dir) throws Exception {
        SHOPIFY.stubFor(get(urlEqualTo("/bulk/result.jsonl?sig=abc")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"gid://shopify/Customer/1\"}\n{\"id\":\"gid://shopify/Customer/2\"}\n")));
        SHOPIFY.stubFor(get(urlEqualTo("/bulk/expired.jsonl")).willReturn(aResponse().withStatus(403)));
        Path target = dir.resolve("result.jsonl");

        client.download(URI.create(SHOPIFY.baseUrl() + "/bulk/result.jsonl?sig=abc"), target);

        assertThat(Files.readAllLines(target)).hasSize(2).first().asString().contains("Customer/1");
        assertThat(SHOPIFY.findAll(getRequestedFor(urlEqualTo("/bulk/result.jsonl?sig=abc"))).getFirst()
                .containsHeader("X-Shopify-Access-Token")).isFalse();
        assertThatThrownBy(() -> client.download(URI.create(SHOPIFY.baseUrl() + "/bulk/expired.jsonl"), target))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessageContaining("HTTP 403");
        assertThatThrownBy(() -> client.download(URI.create("http://127.0.0.1:9/bulk/result.jsonl"), target))
                .isInstanceOf(ShopifyUnavailableException.class).hasMessage("the bulk result is not reachable");
    }

    @Test
    void withoutABaseUrlTheShopsOwnDomainIsAsked() {
        ShopifyClient real = client(null);
        assertThat(real.graphqlUrl("maple.myshopify.com").toString())
                .isEqualTo("https://maple.myshopify.com/admin/api/2026-10/graphql.json");
        assertThat(client(SHOPIFY.baseUrl() + "/").graphqlUrl("maple.myshopify.com").toString())
                .isEqualTo(SHOPIFY.baseUrl() + GRAPHQL);
    }
}
