package com.quimbi.crm.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockJwt;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway in-process with nothing behind it: Keycloak, Redis and the services all point at a
 * closed port. Shows what the gateway decides on its own (auth, validation, request ids, CORS, problem
 * bodies, fail-open rate limiting, 503 for unreachable downstreams). The real Keycloak/Redis flows are in
 * {@code GatewayIT}.
 */
@SpringBootTest(properties = {
        "CRM_REDIS_URL=redis://127.0.0.1:1",
        "CRM_KEYCLOAK_URL=http://127.0.0.1:1",
        "CRM_JWK_SET_URI=http://127.0.0.1:1/realms/crm/protocol/openid-connect/certs",
        "CRM_TICKET_SERVICE_URL=http://127.0.0.1:1",
        "CRM_ANALYTICS_SERVICE_URL=http://127.0.0.1:1",
        "CRM_ASSIGNMENT_SERVICE_URL=http://127.0.0.1:2",
        "CRM_SLA_SERVICE_URL=http://127.0.0.1:3",
        "CRM_INTEGRATION_SERVICE_URL=http://127.0.0.1:4",
        "CRM_NOTIFICATION_SERVICE_URL=http://127.0.0.1:5",
        "CRM_AUTOMATION_SERVICE_URL=http://127.0.0.1:6",
        "crm.gateway.deactivations.enabled=false",
        "CRM_CORS_ORIGINS=http://localhost:5173, https://crm.example.com" })
@AutoConfigureWebTestClient
class GatewayWebTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    /** CORS needs a request host to tell cross-origin from same-origin; the mock server has none. */
    private static final String GATEWAY = "http://gateway.test";

    @Autowired
    WebTestClient web;
    @Autowired
    org.springframework.cloud.gateway.route.RouteLocator routes;

    /** The service a request goes to: the first route whose predicates match, as the gateway picks it. */
    String routeOf(org.springframework.http.HttpMethod method, String path) {
        var exchange = org.springframework.mock.web.server.MockServerWebExchange.from(
                org.springframework.mock.http.server.reactive.MockServerHttpRequest.method(method, path));
        return routes.getRoutes().filterWhen(r -> r.getPredicate().apply(exchange)).map(r -> r.getId())
                .blockFirst(java.time.Duration.ofSeconds(5));
    }

    @Test
    void assignmentPathsUnderTicketsAndAgentsGoToAssignmentServiceTheRestToTheirOwners() {
        var post = org.springframework.http.HttpMethod.POST;
        var get = org.springframework.http.HttpMethod.GET;
        String ticket = UUID.randomUUID().toString();
        assertThat(routeOf(post, "/api/tickets/" + ticket + "/assign")).isEqualTo("assignment-service");
        assertThat(routeOf(post, "/api/tickets/" + ticket + "/auto-assign")).isEqualTo("assignment-service");
        assertThat(routeOf(post, "/api/tickets/" + ticket + "/transfer")).isEqualTo("assignment-service");
        assertThat(routeOf(post, "/api/tickets/" + ticket + "/accept")).isEqualTo("assignment-service");
        assertThat(routeOf(get, "/api/tickets/" + ticket + "/assignments")).isEqualTo("assignment-service");
        assertThat(routeOf(get, "/api/tickets/unassigned")).isEqualTo("assignment-service");
        assertThat(routeOf(get, "/api/agents/" + ticket + "/queue")).isEqualTo("assignment-service");
        assertThat(routeOf(get, "/api/sla/tickets/" + ticket)).isEqualTo("sla-service");
        assertThat(routeOf(get, "/api/shopify/shops")).isEqualTo("integration-service");
        assertThat(routeOf(get, "/api/mail/mailboxes")).isEqualTo("integration-mail");
        assertThat(routeOf(get, "/api/mail/attachments/0193a0c4-8000-7000-8000-000000000001")).isEqualTo("integration-mail");
        assertThat(routeOf(get, "/api/customers/" + ticket + "/orders")).isEqualTo("integration-customer-orders");
        assertThat(routeOf(get, "/api/customers/" + ticket)).isEqualTo("ticket-service");
        assertThat(routeOf(get, "/api/customers/" + ticket + "/tickets")).isEqualTo("ticket-service");
        assertThat(routeOf(get, "/api/tickets/" + ticket)).isEqualTo("ticket-service");
        assertThat(routeOf(get, "/api/tickets/" + ticket + "/messages")).isEqualTo("ticket-service");
        assertThat(routeOf(get, "/api/tickets")).isEqualTo("ticket-service");
        assertThat(routeOf(get, "/api/agents/" + ticket)).isEqualTo("agent-service");
        assertThat(routeOf(get, "/api/agents")).isEqualTo("agent-service");
        assertThat(routeOf(post, "/api/realtime/tickets")).isEqualTo("notification-service");
        assertThat(routeOf(get, "/api/slack/channels")).isEqualTo("notification-service");
        assertThat(routeOf(post, "/api/slack/notify")).isEqualTo("notification-service");
        assertThat(routeOf(get, "/api/notifications/rules")).isEqualTo("notification-service");
        assertThat(routeOf(get, "/api/notifications/deliveries")).isEqualTo("notification-service");
        assertThat(routeOf(get, "/api/macros")).isEqualTo("automation-service");
        assertThat(routeOf(post, "/api/macros")).isEqualTo("automation-service");
        assertThat(routeOf(get, "/api/macros/" + ticket)).isEqualTo("automation-service");
        assertThat(routeOf(post, "/api/tickets/" + ticket + "/macros/" + ticket + "/preview")).isEqualTo("automation-service");
        assertThat(routeOf(post, "/api/tickets/" + ticket + "/macros/" + ticket + "/apply")).isEqualTo("automation-service");
        assertThat(routeOf(get, "/api/automations/time-rules")).isEqualTo("automation-service");
        assertThat(routeOf(get, "/api/macrosx")).isEqualTo(null);
        assertThat(routeOf(post, "/webhooks/slack/events")).isEqualTo("slack-webhooks");
        assertThat(routeOf(post, "/webhooks/slack/interactivity")).isEqualTo("slack-webhooks");
        assertThat(routeOf(post, "/api/slack/webhooks/events")).isEqualTo("slack-webhooks");
        assertThat(routeOf(post, "/webhooks/shopify")).isEqualTo("integration-webhooks");
        assertThat(routeOf(get, "/ws/agent")).isEqualTo("notification-websocket");
        assertThat(routeOf(get, "/ws/agent/" + ticket)).isEqualTo("notification-websocket");
    }

    @Test
    void webSocketHandshakesNeedAnAllowedOriginButNoToken() {
        String upgrade = "websocket";
        // a forged or missing Origin: 403 problem from the gateway's own filter, before routing
        web.get().uri("/ws/agent?ticket=abc").header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.UPGRADE, upgrade).header(HttpHeaders.CONNECTION, "Upgrade").exchange()
                .expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith(PROBLEM);
        web.get().uri("/ws/agent?ticket=abc").header(HttpHeaders.UPGRADE, upgrade)
                .header(HttpHeaders.CONNECTION, "Upgrade").exchange().expectStatus().isForbidden();
        web.get().uri("/ws/agent/" + UUID.randomUUID() + "?ticket=abc").header(HttpHeaders.ORIGIN, "http://localhost:5174")
                .exchange().expectStatus().isForbidden();
        // an allowed Origin without a token passes the gateway (notification-service checks the ticket):
        // the unreachable service's 503, not a 401 or 403 (a request host, so that CORS can tell it is cross-origin)
        web.get().uri(GATEWAY + "/ws/agent?ticket=abc").header(HttpHeaders.ORIGIN, "https://crm.example.com").exchange()
                .expectStatus().isEqualTo(503);
        // the ticket endpoint is an API like any other: a token first
        web.post().uri(GATEWAY + "/api/realtime/tickets").header(HttpHeaders.ORIGIN, "https://crm.example.com").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void webhooksGoToIntegrationServiceAndOnlyTheExactAliasesAreWebhooks() {
        var post = org.springframework.http.HttpMethod.POST;
        var get = org.springframework.http.HttpMethod.GET;
        assertThat(routeOf(post, "/webhooks/shopify")).isEqualTo("integration-webhooks");
        assertThat(routeOf(post, "/api/shopify/webhooks/customers")).isEqualTo("shopify-webhook-aliases");
        assertThat(routeOf(post, "/api/shopify/webhooks/orders")).isEqualTo("shopify-webhook-aliases");
        assertThat(routeOf(get, "/api/shopify/webhooks/customers")).isEqualTo("integration-service");
        assertThat(routeOf(post, "/api/shopify/webhooks/products")).isEqualTo("integration-service");
        assertThat(routeOf(post, "/webhooks/gorgias/ticket-updated")).isEqualTo("integration-webhooks");
        assertThat(routeOf(post, "/api/gorgias/webhooks/ticket-created")).isEqualTo("gorgias-webhook-aliases");
        assertThat(routeOf(post, "/api/gorgias/webhooks/ticket-message-created")).isEqualTo("gorgias-webhook-aliases");
        assertThat(routeOf(post, "/api/gorgias/webhooks/ticket-updated")).isEqualTo("integration-gorgias");
        assertThat(routeOf(get, "/api/gorgias/webhooks/ticket-created")).isEqualTo("integration-gorgias");
        assertThat(routeOf(post, "/api/gorgias/sync/tickets")).isEqualTo("integration-gorgias");
    }

    @Test
    void aTicketsGorgiasLinkGoesToIntegrationServiceAheadOfTicketService() {
        var get = org.springframework.http.HttpMethod.GET;
        String ticket = UUID.randomUUID().toString();
        assertThat(routeOf(get, "/api/tickets/" + ticket + "/gorgias-link")).isEqualTo("integration-gorgias-link");
        assertThat(routeOf(get, "/api/tickets/" + ticket)).isEqualTo("ticket-service");
        assertThat(routeOf(org.springframework.http.HttpMethod.POST, "/api/tickets/" + ticket + "/gorgias-link"))
                .isEqualTo("ticket-service");
        // still behind authentication
        web.get().uri("/api/tickets/" + ticket + "/gorgias-link").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void webhooksNeedNoTokenAndIgnoreAnyAuthorizationHeader() {
        for (String path : new String[] { "/webhooks/shopify", "/api/shopify/webhooks/customers",
                "/api/shopify/webhooks/orders", "/webhooks/gorgias/ticket-created", "/api/gorgias/webhooks/ticket-created",
                "/api/gorgias/webhooks/ticket-message-created" }) {
            // past authentication: the unreachable integration-service's 503, not the gateway's 401
            web.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\":1}").exchange()
                    .expectStatus().isEqualTo(503);
            web.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\":1}").exchange()
                    .expectStatus().isEqualTo(503);
        }
    }

    @Test
    void theCsatSurveyPageIsOpenForCustomersAndIgnoresAStaleToken() {
        String page = "/api/csat/" + UUID.randomUUID() + ".1893456000.c2lnbmF0dXJl";
        assertThat(routeOf(org.springframework.http.HttpMethod.GET, page)).isEqualTo("automation-csat-page");
        assertThat(routeOf(org.springframework.http.HttpMethod.POST, page)).isEqualTo("automation-csat-page");
        assertThat(routeOf(org.springframework.http.HttpMethod.GET, "/api/automations/webhooks"))
                .isEqualTo("automation-service");
        // past authentication: the unreachable automation-service's 503, not the gateway's 401
        web.get().uri(page + "?rating=5").exchange().expectStatus().isEqualTo(503);
        web.get().uri(page).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt").exchange()
                .expectStatus().isEqualTo(503);
        web.post().uri(page).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("rating=5").exchange()
                .expectStatus().isEqualTo(503);
        // one path segment only: anything deeper is an ordinary (authenticated) call
        web.get().uri("/api/csat/x/y").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theShopifyInstallAndCallbackAreOpenForTheMerchantsBrowser() {
        web.get().uri("/api/shopify/install?shop=acme.myshopify.com").exchange().expectStatus().isEqualTo(503);
        web.get().uri("/api/shopify/oauth/callback?code=x&shop=acme.myshopify.com").exchange().expectStatus().isEqualTo(503);
        web.post().uri("/api/shopify/install").exchange().expectStatus().isUnauthorized();
        // a token left in the browser (stale, revoked, not even a JWT) is not read on these two paths
        web.get().uri("/api/shopify/install?shop=acme.myshopify.com").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
                .exchange().expectStatus().isEqualTo(503);
        web.get().uri("/api/shopify/oauth/callback?code=x").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
                .exchange().expectStatus().isEqualTo(503);
        web.post().uri("/api/shopify/install").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")
                .exchange().expectStatus().isUnauthorized();
        assertThat(routeOf(org.springframework.http.HttpMethod.GET, "/api/shopify/install")).isEqualTo("shopify-oauth");
        assertThat(routeOf(org.springframework.http.HttpMethod.GET, "/api/shopify/oauth/callback")).isEqualTo("shopify-oauth");
        assertThat(routeOf(org.springframework.http.HttpMethod.POST, "/api/shopify/install")).isEqualTo("integration-service");
    }

    @Test
    void everyOtherPathStillNeedsAToken() {
        web.get().uri("/api/shopify/webhooks/customers").exchange().expectStatus().isUnauthorized();
        web.post().uri("/api/shopify/webhooks/products").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
        web.post().uri("/api/shopify/webhooks/customers/extra").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/shopify/shops").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aWebhookBodyOverOneMebibyteIs413ProblemBeforeTheService() {
        byte[] body = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) 'a');
        web.post().uri("/webhooks/shopify").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectBody().jsonPath("$.status").isEqualTo(413);
        // exactly the limit passes on (to the unreachable service)
        web.post().uri("/webhooks/shopify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Arrays.copyOf(body, 1024 * 1024)).exchange()
                .expectStatus().isEqualTo(503);
    }

    @Test
    void routedCallWithoutTokenIs401ProblemWithRequestId() {
        web.get().uri("/api/tickets").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().value("X-Request-Id", id -> assertThat(UUID.fromString(id)).isNotNull())
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.instance").isEqualTo("/api/tickets");
    }

    @Test
    void incomingRequestIdIsKept() {
        web.get().uri("/api/customers/1").header("X-Request-Id", "spa-1234").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "spa-1234");
    }

    @Test
    void malformedTokenIs401InvalidToken() {
        web.get().uri("/api/tickets").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("invalid_token"))
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void authenticatedCallToAnUnreachableServiceIs503Problem() {
        for (String path : new String[] { "/api/tickets/42", "/api/customers", "/api/messages/7",
                "/api/analytics/overview", "/api/ai/customers/42/dna", "/api/tickets/unassigned",
                "/api/agents/7/queue", "/api/sla/policies", "/api/shopify/shops", "/api/privacy/exports" }) {
            web.mutateWith(mockJwt().jwt(jwt -> jwt.subject("user-1").claim("sid", "s-1")))
                    .get().uri(path).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentTypeCompatibleWith(PROBLEM)
                    .expectHeader().exists("X-Request-Id")
                    .expectBody().jsonPath("$.status").isEqualTo(503);
        }
    }

    @Test
    void unknownApiPathIs404Problem() {
        web.mutateWith(mockJwt()).get().uri("/api/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void loginWithMissingFieldsIs400ProblemWithFieldErrors() {
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\":\"\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://supportcrm.dev/problems/validation")
                .jsonPath("$.errors[?(@.field == 'username')]").exists()
                .jsonPath("$.errors[?(@.field == 'password')]").exists();
    }

    @Test
    void loginWithUnreadableBodyIs400Problem() {
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
        web.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void loginWhileKeycloakIsDownIs503Problem() {
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"alex.agent\",\"password\":\"x\"}")
                // a stale token left in the SPA must not turn a login into a 401
                .header(HttpHeaders.AUTHORIZATION, "Bearer stale")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(PROBLEM)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("sign-in service"));
    }

    @Test
    void logoutNeedsATokenAndReports503WhileKeycloakIsDown() {
        web.post().uri("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refreshToken\":\"r\"}").exchange()
                .expectStatus().isUnauthorized();
        web.mutateWith(mockJwt().jwt(jwt -> jwt.claim("sid", "s-9")))
                .post().uri("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refreshToken\":\"r\"}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
        web.mutateWith(mockJwt())
                .post().uri("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("refreshToken");
    }

    @Test
    void corsPreflightFromTheSpaIsAllowed() {
        for (String origin : new String[] { "http://localhost:5173", "https://crm.example.com" }) {
            web.options().uri(GATEWAY + "/api/tickets")
                    .header(HttpHeaders.ORIGIN, origin)
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-Id")
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, v -> assertThat(v).contains("PATCH"))
                    .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                            v -> assertThat(v.toLowerCase()).contains("authorization", "if-match", "idempotency-key"));
        }
    }

    @Test
    void corsPreflightFromAnotherOriginIsRejected() {
        web.options().uri(GATEWAY + "/api/tickets")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void actualCorsResponsesExposeTheSpaHeaders() {
        web.get().uri(GATEWAY + "/api/tickets").header(HttpHeaders.ORIGIN, "http://localhost:5173").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        v -> assertThat(v).contains("ETag", "Location", "X-Request-Id", "Retry-After",
                                "X-RateLimit-Remaining"));
    }

    @Test
    void probesAndMetricsAreOpen() {
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/info").exchange().expectStatus().isOk();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        web.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
    }

    // ---- the agent console (console module on the classpath, ConsoleWebConfig) ----

    @Test
    void theConsolePageIsPublicNeverCachedAndCarriesTheStrictPolicy() {
        String html = web.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, v -> assertThat(v).isEqualTo("no-cache"))
                .expectHeader().value("Content-Security-Policy", v -> assertThat(v)
                        .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                                "frame-ancestors 'none'", "object-src 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"))
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).contains("<meta name=\"crm-issuer\" content=\"http://localhost:18080/realms/crm\">")
                .contains("<meta name=\"crm-client-id\" content=\"crm-console\">")
                .containsPattern("<script type=\"module\" src=\"/assets/[0-9a-f]{16}/app.js\"></script>")
                .doesNotContain("{{")
                // no inline script: every <script> has a src
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
    }

    @Test
    void fingerprintedAssetsAreCachedForAYearOtherFingerprintsAreNotFound() {
        String html = web.get().uri("/index.html").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String assets = html.replaceAll("(?s).*src=\"(/assets/[0-9a-f]{16})/app.js\".*", "$1");
        web.get().uri(assets + "/app.js").exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CONTENT_TYPE, v -> assertThat(v).contains("javascript"))
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, v -> assertThat(v)
                        .contains("max-age=31536000", "public", "immutable"));
        web.get().uri(assets + "/views/ticket.js").exchange().expectStatus().isOk();
        web.get().uri(assets + "/styles.css").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
        web.get().uri("/assets/0000000000000000/app.js").exchange().expectStatus().isNotFound();
        web.get().uri(assets + "/../../index.html").exchange().expectStatus().value(status -> assertThat(status).isIn(400, 404));
    }

    @Test
    void theConsoleFilesAreOpenButTheApiBesideThemIsNot() {
        web.get().uri("/api/tickets").exchange().expectStatus().isUnauthorized();
        web.post().uri("/").exchange().expectStatus().value(status -> assertThat(status).isNotEqualTo(200));
        web.get().uri("/ws/agent").exchange().expectStatus().isForbidden();
    }

    @Test
    void theConsolesTokenExchangeIsOpenAndGoesToKeycloak() {
        assertThat(routeOf(org.springframework.http.HttpMethod.POST, "/api/auth/token")).isEqualTo("console-token");
        assertThat(routeOf(org.springframework.http.HttpMethod.GET, "/api/auth/token")).isNull();
        // open at the gateway (no 401), a stale bearer token is ignored; Keycloak is unreachable here: 503
        web.post().uri("/api/auth/token").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=refresh_token&client_id=crm-console&refresh_token=x").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(PROBLEM);
    }
}
