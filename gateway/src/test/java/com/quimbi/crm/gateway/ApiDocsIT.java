package com.quimbi.crm.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aggregated Swagger UI at {@code /swagger-ui}: served without a login, it lists every service, and each
 * service's OpenAPI document comes through the gateway's {@code /v3/api-docs/<service>} route (read-only, nothing of
 * the caller's passed on). The services are JDK HTTP servers that answer their {@code /v3/api-docs} with their name;
 * Keycloak and Redis are not needed (nothing here takes a token or counts against a rate limit).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "CRM_REDIS_URL=redis://127.0.0.1:1",
        "CRM_KEYCLOAK_URL=http://127.0.0.1:1",
        "CRM_JWK_SET_URI=http://127.0.0.1:1/realms/crm/protocol/openid-connect/certs",
        "crm.gateway.deactivations.enabled=false" })
class ApiDocsIT {

    /** Every service behind the gateway, by the variable that points the gateway at it. */
    static final Map<String, String> SERVICES = new LinkedHashMap<>();
    static {
        SERVICES.put("ticket-service", "CRM_TICKET_SERVICE_URL");
        SERVICES.put("agent-service", "CRM_AGENT_SERVICE_URL");
        SERVICES.put("assignment-service", "CRM_ASSIGNMENT_SERVICE_URL");
        SERVICES.put("sla-service", "CRM_SLA_SERVICE_URL");
        SERVICES.put("integration-service", "CRM_INTEGRATION_SERVICE_URL");
        SERVICES.put("notification-service", "CRM_NOTIFICATION_SERVICE_URL");
        SERVICES.put("analytics-service", "CRM_ANALYTICS_SERVICE_URL");
        SERVICES.put("quimbi-adapter", "CRM_QUIMBI_ADAPTER_URL");
        SERVICES.put("automation-service", "CRM_AUTOMATION_SERVICE_URL");
    }

    record Seen(String method, String path, String authorization, String cookie) {
    }

    static final Map<String, List<Seen>> SEEN = new ConcurrentHashMap<>();
    static final Map<String, HttpServer> DOWNSTREAM = new LinkedHashMap<>();
    static {
        SERVICES.keySet().forEach(service -> DOWNSTREAM.put(service, documentServer(service)));
    }

    static HttpServer documentServer(String service) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                SEEN.computeIfAbsent(service, s -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                                exchange.getRequestHeaders().getFirst("Authorization"),
                                exchange.getRequestHeaders().getFirst("Cookie")));
                byte[] body = ("{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"" + service + "\",\"version\":\"v1\"},"
                        + "\"paths\":{}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        SERVICES.forEach((service, variable) -> registry.add(variable,
                () -> "http://127.0.0.1:" + DOWNSTREAM.get(service).getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        DOWNSTREAM.values().forEach(server -> server.stop(0));
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    WebTestClient web;

    @BeforeEach
    void setUp() {
        web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
        SEEN.clear();
    }

    @Test
    void theSwaggerUiIsServedWithoutALogin() {
        web.get().uri("/swagger-ui").exchange()
                .expectStatus().isFound()
                .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).endsWith("/swagger-ui/index.html"));
        String page = web.get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("swagger-ui-bundle.js", "swagger-initializer.js")
                // no inline script: the page runs under the gateway's Content-Security-Policy
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        String initializer = web.get().uri("/swagger-ui/swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(initializer).contains("/v3/api-docs/swagger-config");
        web.get().uri("/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
        web.get().uri("/swagger-ui/oauth2-redirect.html").exchange().expectStatus().isOk();
    }

    @Test
    void itsConfigurationListsEveryServiceAndLogsInWithTheConsolesClientAndPkce() {
        JsonNode config = JSON.readTree(web.get().uri("/v3/api-docs/swagger-config")
                // a stale token left in a browser must not turn the open page into a 401
                .header(HttpHeaders.AUTHORIZATION, "Bearer stale")
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());

        Map<String, String> urls = new LinkedHashMap<>();
        config.path("urls").forEach(url -> urls.put(url.path("name").asString(), url.path("url").asString()));
        Map<String, String> expected = new LinkedHashMap<>();
        SERVICES.keySet().forEach(service -> expected.put(service, "/v3/api-docs/" + service));
        expected.put("gateway", "/v3/api-docs");
        assertThat(urls).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(config.path("urls.primaryName").asString()).isEqualTo("ticket-service");
        assertThat(config.path("oauth2RedirectUrl").asString()).endsWith("/swagger-ui/oauth2-redirect.html");
        // the login settings go into the page's initializer (ui.initOAuth)
        String initializer = web.get().uri("/swagger-ui/swagger-initializer.js").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(initializer).contains("initOAuth").containsPattern("\"clientId\"\\s*:\\s*\"crm-console\"")
                .containsPattern("\"usePkceWithAuthorizationCodeGrant\"\\s*:\\s*true")
                .doesNotContain("clientSecret");
    }

    @Test
    void eachServicesDocumentComesThroughTheGatewayWithoutTheCallersCredentials() {
        for (String service : SERVICES.keySet()) {
            JsonNode document = JSON.readTree(web.get().uri("/v3/api-docs/" + service)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer stale").header(HttpHeaders.COOKIE, "session=1")
                    .exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
            assertThat(document.path("info").path("title").asString()).isEqualTo(service);
            assertThat(SEEN.get(service)).as(service).singleElement().satisfies(seen -> {
                assertThat(seen.method()).isEqualTo("GET");
                assertThat(seen.path()).isEqualTo("/v3/api-docs");
                assertThat(seen.authorization()).isNull();
                assertThat(seen.cookie()).isNull();
            });
        }
    }

    @Test
    void theDocumentRoutesAreReadOnlyAndLeadNowhereElse() {
        // not GET: not open, and never forwarded
        web.post().uri("/v3/api-docs/ticket-service").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
        web.delete().uri("/v3/api-docs/ticket-service").exchange().expectStatus().isUnauthorized();
        // a name that is not a service, or a path below a document: no route
        web.get().uri("/v3/api-docs/billing-service").exchange().expectStatus().isNotFound();
        web.get().uri("/v3/api-docs/ticket-service/internal").exchange().expectStatus().isNotFound();
        assertThat(SEEN).isEmpty();
    }

    @Test
    void theGatewaysOwnEndpointsAreDocumentedToo() {
        JsonNode document = JSON.readTree(web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(document.path("paths").propertyNames()).contains("/api/auth/login", "/api/auth/refresh",
                "/api/auth/logout", "/api/auth/me", "/api/audit");
    }
}
