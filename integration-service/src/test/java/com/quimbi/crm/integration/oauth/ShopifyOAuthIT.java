package com.quimbi.crm.integration.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.springframework.web.util.UriComponentsBuilder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.quimbi.crm.platform.crypto.SecretBox;
import com.quimbi.crm.integration.shop.ShopService;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * The public app's install with WireMock as Shopify's token endpoint: the authorize redirect, a verified
 * callback that stores an expiring offline token with its refresh token, the refusals (forged hmac, stale
 * timestamp, reused state), and the refresh before expiry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ShopifyOAuthIT {

    static final WireMockServer SHOPIFY = new WireMockServer(wireMockConfig().dynamicPort());
    static final String SECRET = "app-secret-" + UUID.randomUUID();

    static {
        SHOPIFY.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.integration.shopify.admin-base-url", SHOPIFY::baseUrl);
        registry.add("crm.integration.shopify.api-key", () -> "app-client-id");
        registry.add("crm.integration.shopify.api-secret", () -> SECRET);
        registry.add("crm.integration.webhooks.processing-enabled", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ShopService shops;
    @Autowired
    SecretBox box;

    String shop;

    @BeforeEach
    void setUp() {
        shop = "oauth-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
        SHOPIFY.resetAll();
        // Shopify's answer for an expiring offline token (expiring=1)
        SHOPIFY.stubFor(post(urlEqualTo("/admin/oauth/access_token"))
                .withRequestBody(matchingJsonPath("$.code")).withRequestBody(matchingJsonPath("$[?(@.expiring == '1')]"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"access_token":"shpat_first","scope":"read_customers,read_orders,read_products",
                         "expires_in":3600,"refresh_token":"shprt_first","refresh_token_expires_in":7776000}""")));
        SHOPIFY.stubFor(post(urlEqualTo("/admin/oauth/access_token"))
                .withRequestBody(equalToJson("""
                        {"client_id":"app-client-id","client_secret":"%s","grant_type":"refresh_token","refresh_token":"shprt_first"}"""
                        .formatted(SECRET)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"access_token":"shpat_second","scope":"read_customers,read_orders,read_products",
                         "expires_in":3600,"refresh_token":"shprt_second","refresh_token_expires_in":7776000}""")));
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    String install() throws Exception {
        HttpResponse<String> redirect = get("/api/shopify/install?shop=" + shop);
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertThat(location.getHost()).isEqualTo(shop);
        assertThat(location.getPath()).isEqualTo("/admin/oauth/authorize");
        Map<String, List<String>> query = UriComponentsBuilder.fromUri(location).build().getQueryParams();
        assertThat(query.get("client_id")).containsExactly("app-client-id");
        assertThat(query.get("scope").getFirst()).contains("read_customers");
        assertThat(query.get("redirect_uri").getFirst()).contains("/api/shopify/oauth/callback");
        return query.get("state").getFirst();
    }

    String signedCallback(String state, long timestamp, String secret) {
        String query = "code=0907a61c0c8d55e99db179b68161bc00&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvYWNtZQ&shop=" + shop
                + "&state=" + state + "&timestamp=" + timestamp;
        return "/api/shopify/oauth/callback?" + query + "&hmac=" + QueryHmac.sign(secret, QueryHmac.parse(query));
    }

    @Test
    void aVerifiedCallbackStoresAnExpiringOfflineTokenOnceAndItIsRefreshedBeforeExpiry() throws Exception {
        String state = install();
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> connected = get(signedCallback(state, now, SECRET));
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(connected.body()).contains(shop).contains("\"kind\":\"oauth\"").doesNotContain("shpat_").doesNotContain("shprt_");
        Map<String, Object> row = jdbc.queryForMap("SELECT access_token, refresh_token, token_expires_at FROM shop WHERE domain = ?", shop);
        assertThat(box.decrypt((String) row.get("access_token"))).isEqualTo("shpat_first");
        assertThat(box.decrypt((String) row.get("refresh_token"))).isEqualTo("shprt_first");
        assertThat(((java.sql.Timestamp) row.get("token_expires_at")).toInstant()).isAfter(Instant.now().plusSeconds(3000));
        SHOPIFY.verify(1, postRequestedFor(urlEqualTo("/admin/oauth/access_token")));

        // the state is single use
        assertThat(get(signedCallback(state, now, SECRET)).statusCode()).isEqualTo(400);

        // a token that expires within the refresh-ahead window (10 min) is refreshed
        jdbc.update("UPDATE shop SET token_expires_at = now() + interval '5 minutes' WHERE domain = ?", shop);
        shops.refreshExpiringTokens();
        row = jdbc.queryForMap("SELECT access_token, refresh_token, token_expires_at FROM shop WHERE domain = ?", shop);
        assertThat(box.decrypt((String) row.get("access_token"))).isEqualTo("shpat_second");
        assertThat(box.decrypt((String) row.get("refresh_token"))).isEqualTo("shprt_second");
        assertThat(((java.sql.Timestamp) row.get("token_expires_at")).toInstant()).isAfter(Instant.now().plusSeconds(3000));
    }

    @Test
    void forgedStaleAndUnknownCallbacksAreRefusedBeforeAnyCodeExchange() throws Exception {
        String state = install();
        long now = Instant.now().getEpochSecond();
        assertThat(get(signedCallback(state, now, "not-the-secret")).statusCode()).isEqualTo(401);
        assertThat(get(signedCallback(state, now - 91, SECRET)).statusCode()).isEqualTo(400);
        assertThat(get(signedCallback(state, now + 91, SECRET)).statusCode()).isEqualTo(400);
        assertThat(get(signedCallback("never-issued", now, SECRET)).statusCode()).isEqualTo(400);
        SHOPIFY.verify(0, postRequestedFor(urlEqualTo("/admin/oauth/access_token")));
        // the state survived the refused attempts that never got to it... and still works once
        assertThat(get(signedCallback(state, now, SECRET)).statusCode()).isEqualTo(200);
    }

    @Test
    void callbacksWithABadShopTimestampOrCodeAndACodeShopifyRefusesAreBadRequests() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(get(signed("code=c1&shop=Evil.example.com&state=s&timestamp=" + now)).statusCode()).isEqualTo(400);
        HttpResponse<String> noTime = get(signed("code=c1&shop=" + shop + "&state=s&timestamp=noon"));
        assertThat(noTime.statusCode()).isEqualTo(400);
        assertThat(noTime.body()).contains("timestamp");
        HttpResponse<String> noCode = get(signed("shop=" + shop + "&state=" + install() + "&timestamp=" + now));
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(noCode.body()).contains("code is missing");
        // Shopify refuses the code (used, expired): a 400 problem, nothing stored
        SHOPIFY.stubFor(post(urlEqualTo("/admin/oauth/access_token")).atPriority(1)
                .withRequestBody(matchingJsonPath("$[?(@.code == 'used-code')]")).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_request\"}")));
        HttpResponse<String> refused = get(signed("code=used-code&shop=" + shop + "&state=" + install() + "&timestamp=" + now));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("Shopify refused the authorization code");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM shop WHERE domain = ?", Integer.class, shop)).isZero();
    }

    String signed(String query) {
        return "/api/shopify/oauth/callback?" + query + "&hmac=" + QueryHmac.sign(SECRET, QueryHmac.parse(query));
    }

    @Test
    void installNeedsAMyshopifyDomain() throws Exception {
        for (String bad : List.of("Acme.myshopify.com", "acme.example.com", "")) {
            HttpResponse<String> reply = get("/api/shopify/install?shop=" + bad);
            assertThat(reply.statusCode()).as(bad).isEqualTo(400);
            assertThat(reply.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        }
        assertThat(Api.at("http://localhost:" + port).get("/api/shopify/shops").status()).isEqualTo(401);
    }
}
