package com.quimbi.crm.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.quimbi.crm.gateway.session.TokenClaims;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway against a real Keycloak (the crm realm of infra/keycloak) and a real Redis, both from
 * {@link TestInfrastructure}. The downstream services are not running: a routed call the gateway lets
 * through ends as 503 from the unreachable service, which is how these tests tell "passed through" from
 * the gateway's own 401/429.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayIT {

    /** Low limits so a test can exhaust a bucket; buckets are emptied before each test. */
    private static final int REPLENISH = 1;
    private static final int BURST = 8;
    private static final String SPA = "http://localhost:5173";
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        String nowhere = "http://127.0.0.1:" + unusedPort();
        registry.add("CRM_REDIS_URL", () -> TestInfrastructure.redis().url());
        registry.add("CRM_KEYCLOAK_URL", () -> TestInfrastructure.keycloak().baseUrl());
        registry.add("CRM_ISSUER_URI", () -> TestInfrastructure.keycloak().issuerUri());
        registry.add("CRM_JWK_SET_URI", () -> TestInfrastructure.keycloak().jwkSetUri());
        registry.add("CRM_TICKET_SERVICE_URL", () -> nowhere);
        registry.add("CRM_ANALYTICS_SERVICE_URL", () -> nowhere);
        registry.add("CRM_INTEGRATION_SERVICE_URL", () -> "http://127.0.0.1:" + DOWNSTREAM.getAddress().getPort());
        registry.add("CRM_WEBHOOK_RATE_LIMIT_REPLENISH", () -> REPLENISH);
        registry.add("CRM_WEBHOOK_RATE_LIMIT_BURST", () -> BURST);
        registry.add("CRM_RATE_LIMIT_REPLENISH", () -> REPLENISH);
        registry.add("CRM_RATE_LIMIT_BURST", () -> BURST);
        // no Kafka here: DeactivatedAgentIT covers the agent.deactivated listener
        registry.add("crm.gateway.deactivations.enabled", () -> "false");
    }

    /** What reached "integration-service": a recorder of forwarded requests, to see what the gateway passes on. */
    record Forwarded(String method, String path, String authorization, byte[] body) {
    }

    static final java.util.concurrent.BlockingQueue<Forwarded> FORWARDED = new java.util.concurrent.LinkedBlockingQueue<>();
    static final com.sun.net.httpserver.HttpServer DOWNSTREAM = recorder();

    static com.sun.net.httpserver.HttpServer recorder() {
        try {
            var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                FORWARDED.add(new Forwarded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    WebTestClient web;

    @BeforeEach
    void setUp() {
        web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        // every test starts with full buckets (one IP for all anonymous calls of the suite)
        redis.scan(ScanOptions.scanOptions().match("request_rate_limiter.*").build())
                .flatMap(redis::delete)
                .blockLast(Duration.ofSeconds(5));
    }

    @Test
    void webhooksArriveWithoutAuthorizationWithTheirRawBodyAndTheAliasesOnTheWebhookPath() throws Exception {
        FORWARDED.clear();
        // odd spacing and key order: the service verifies an HMAC over these exact bytes
        byte[] raw = "{\"id\": 7329164320823,  \"email\":\"ann@example.com\" }".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String alex = login(DemoUser.AGENT).accessToken();
        for (String path : List.of("/webhooks/shopify", "/api/shopify/webhooks/customers", "/api/shopify/webhooks/orders")) {
            web.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + alex)
                    .header("X-Shopify-Topic", "customers/create").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(raw).exchange().expectStatus().isOk();
            Forwarded forwarded = FORWARDED.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(forwarded).as(path).isNotNull();
            assertThat(forwarded.path()).isEqualTo("/webhooks/shopify");
            assertThat(forwarded.authorization()).isNull();
            assertThat(forwarded.body()).isEqualTo(raw);
        }
        // without any token too
        web.post().uri("/webhooks/shopify").contentType(MediaType.APPLICATION_JSON).bodyValue(raw).exchange()
                .expectStatus().isOk();
        assertThat(FORWARDED.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aWebhookOverTheBodyLimitIs413AndNeverReachesTheService() {
        FORWARDED.clear();
        web.post().uri("/webhooks/shopify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[1024 * 1024 + 1]).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
        assertThat(FORWARDED).isEmpty();
    }

    @Test
    void webhooksAreRateLimitedPerSourceApartFromTheApi() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < BURST + 4; i++) {
            statuses.add(web.post().uri("/webhooks/shopify").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().expectBody().returnResult().getStatus().value());
        }
        // the whole burst passes, then the source is refused; on a loaded machine the bucket may refill a token
        // while the requests run, so a 200 can follow a 429 (it did: [200 x8, 429, 429, 429, 200])
        assertThat(statuses).containsOnly(200, 429).contains(429);
        assertThat(statuses.indexOf(429)).as(statuses.toString()).isGreaterThanOrEqualTo(BURST);
        // another source has its own bucket, and the API's buckets are untouched
        web.post().uri("/webhooks/gorgias").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk();
        web.get().uri("/api/tickets").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void loginReturnsTokensForEveryDemoUser() {
        for (DemoUser user : DemoUser.values()) {
            Tokens tokens = web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", user.username(), "password", user.credential()))
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().exists("X-Request-Id")
                    .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                    .expectBody(Tokens.class).returnResult().getResponseBody();

            assertThat(tokens.accessToken()).as(user.username()).isNotBlank();
            assertThat(tokens.refreshToken()).isNotBlank();
            assertThat(tokens.expiresIn()).isPositive();
            assertThat(tokens.refreshExpiresIn()).isPositive();
            assertThat(tokens.tokenType()).isEqualToIgnoringCase("Bearer");
            assertPassedThrough("/api/tickets", tokens.accessToken());
        }
    }

    @Test
    void wrongPasswordIs401Problem() {
        // once only: the realm has brute-force protection, a burst of failures would lock the demo user
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", DemoUser.AGENT.username(), "password", "not-the-password"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isEqualTo("Invalid username or password.")
                .jsonPath("$.accessToken").doesNotExist();
    }

    @Test
    void missingFieldIs400ProblemWithFieldErrors() {
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", DemoUser.AGENT.username()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("password")
                .jsonPath("$.errors[0].message").isNotEmpty();
    }

    @Test
    void routedCallWithoutTokenIs401ProblemWithRequestId() {
        web.get().uri("/api/tickets").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().value("X-Request-Id", id -> assertThat(UUID.fromString(id)).isNotNull())
                .expectBody().jsonPath("$.status").isEqualTo(401);

        web.get().uri("/api/analytics/overview").header("X-Request-Id", "it-trace-1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "it-trace-1");
    }

    @Test
    void tokensOfTheRealmArePassedThroughWithTheirRequestId() {
        // issued to the console client directly by Keycloak, not through the gateway's login
        String token = DemoUser.SUPERVISOR.token();

        for (String path : List.of("/api/tickets/1", "/api/customers", "/api/messages/9", "/api/analytics/daily")) {
            web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Request-Id", "it-pass-" + path.length())
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentTypeCompatibleWith(PROBLEM)
                    .expectHeader().valueEquals("X-Request-Id", "it-pass-" + path.length());
        }
    }

    @Test
    void tokenOfALoggedOutSessionIs401() {
        Tokens tokens = login(DemoUser.AGENT);
        Tokens otherSession = login(DemoUser.AGENT);
        assertPassedThrough("/api/tickets", tokens.accessToken());

        web.post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.accessToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refreshToken", tokens.refreshToken()))
                .exchange()
                .expectStatus().isNoContent()
                .expectHeader().exists("X-Request-Id");

        // still unexpired and correctly signed, but its session is over
        web.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.accessToken())
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("invalid_token"))
                .expectHeader().exists("X-Request-Id")
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("logged out"));

        // the deny-list entry lives as long as an access token of that session could (300 s in the realm)
        String sid = TokenClaims.unverifiedSid(tokens.accessToken(), json).orElseThrow();
        Duration ttl = redis.getExpire("crm:gateway:denied-sid:" + sid).block(Duration.ofSeconds(5));
        assertThat(ttl).isBetween(Duration.ofSeconds(200), Duration.ofSeconds(300));

        // another session of the same user is untouched
        assertPassedThrough("/api/tickets", otherSession.accessToken());
    }

    @Test
    void refreshWorksAndFailsAfterLogout() {
        Tokens first = login(DemoUser.SUPERVISOR);

        Tokens refreshed = web.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", first.refreshToken()))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-Request-Id")
                .expectBody(Tokens.class).returnResult().getResponseBody();
        assertThat(refreshed.accessToken()).isNotBlank().isNotEqualTo(first.accessToken());
        assertPassedThrough("/api/customers", refreshed.accessToken());

        web.post().uri("/api/auth/logout").header(HttpHeaders.AUTHORIZATION, "Bearer " + refreshed.accessToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refreshToken", refreshed.refreshToken()))
                .exchange()
                .expectStatus().isNoContent();

        for (String refreshToken : List.of(first.refreshToken(), refreshed.refreshToken())) {
            web.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("refreshToken", refreshToken))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(PROBLEM)
                    .expectBody().jsonPath("$.status").isEqualTo(401);
        }
        // both access tokens belong to the ended session
        for (String accessToken : List.of(first.accessToken(), refreshed.accessToken())) {
            web.get().uri("/api/customers").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                    .exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void exceedingTheRateLimitIs429WithRetryAfterPerUser() {
        String sara = login(DemoUser.SUPERVISOR).accessToken();
        String alex = login(DemoUser.AGENT).accessToken();

        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<byte[]> limited = null;
        for (int i = 0; i < BURST + 6 && limited == null; i++) {
            EntityExchangeResult<byte[]> result = web.get().uri("/api/tickets")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + sara)
                    .exchange().expectBody().returnResult();
            statuses.add(result.getStatus().value());
            if (result.getStatus().value() == 429) {
                limited = result;
            }
        }
        assertThat(statuses).as("statuses").startsWith(503, 503, 503).endsWith(429);
        assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(limited.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
        assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(new String(limited.getResponseBody())).contains("\"status\":429");

        // the limit is per user: alex is not affected
        assertPassedThrough("/api/tickets", alex);
        // and sara gets through again once the bucket has refilled
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> status("/api/tickets", sara) == 503);
    }

    @Test
    void loginAttemptsAreLimitedPerClientIp() {
        // an unknown user, so Keycloak's own brute-force lock never hits a demo user
        List<Integer> statuses = new ArrayList<>();
        EntityExchangeResult<byte[]> limited = null;
        for (int i = 0; i < BURST + 4; i++) {
            EntityExchangeResult<byte[]> result = web.post().uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "mallory.unknown", "password", "guess-" + i))
                    .exchange().expectBody().returnResult();
            statuses.add(result.getStatus().value());
            if (limited == null && result.getStatus().value() == 429) {
                limited = result;
            }
        }

        assertThat(statuses).startsWith(401, 401, 401).contains(429).containsOnly(401, 429);
        assertThat(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(limited.getResponseHeaders().getContentType()).isEqualTo(PROBLEM);
        assertThat(limited.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
    }

    @Test
    void corsPreflightFromTheSpaIsAllowedAndFromElsewhereRejected() {
        web.options().uri("/api/tickets")
                .header(HttpHeaders.ORIGIN, SPA)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SPA)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        v -> assertThat(v.toLowerCase()).contains("authorization", "idempotency-key"));

        web.options().uri("/api/tickets")
                .header(HttpHeaders.ORIGIN, "http://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    private Tokens login(DemoUser user) {
        return web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user.username(), "password", user.credential()))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Tokens.class).returnResult().getResponseBody();
    }

    /** The gateway let the call through: the (absent) service's 503, not the gateway's 401 or 429. */
    private void assertPassedThrough(String path, String accessToken) {
        web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
    }

    private int status(String path, String accessToken) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).exchange()
                .expectBody().returnResult().getStatus().value();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Tokens(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn, String tokenType) {
    }
}
