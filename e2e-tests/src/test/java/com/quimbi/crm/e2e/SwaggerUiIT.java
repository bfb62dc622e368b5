package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;

import tools.jackson.databind.JsonNode;

/**
 * The aggregated Swagger UI with the real services behind the gateway: every service's document comes through
 * {@code /v3/api-docs/<service>} with what platform-core's ApiDocumentation adds, and Keycloak accepts the Swagger
 * UI's login (the console's public client, redirect back to {@code /swagger-ui/oauth2-redirect.html}, PKCE).
 */
class SwaggerUiIT {

    static final List<String> SERVICES = List.of("ticket-service", "agent-service", "assignment-service",
            "sla-service", "integration-service", "notification-service", "analytics-service", "quimbi-adapter",
            "automation-service");

    @Test
    void everyServicesDocumentComesThroughTheGatewayDescribingAuthenticationAndProblems() {
        Api gateway = E2eStack.gateway();
        assertThat(gateway.get("/swagger-ui/index.html").status()).isEqualTo(200);
        for (String service : SERVICES) {
            Api.Reply reply = gateway.get("/v3/api-docs/" + service);
            assertThat(reply.status()).as(service).isEqualTo(200);
            JsonNode document = reply.json();
            assertThat(document.path("info").path("title").asString()).isEqualTo(service);
            assertThat(document.path("servers").path(0).path("url").asString()).as(service).isEqualTo("/");
            assertThat(document.path("components").path("securitySchemes").propertyNames()).as(service)
                    .contains("keycloak", "keycloak-login");
            assertThat(document.path("components").path("schemas").has("Problem")).as(service).isTrue();
            assertThat(document.path("components").path("responses").has("TooManyRequests")).as(service).isTrue();
            assertThat(document.path("paths").propertyNames()).as(service).anyMatch(path -> path.startsWith("/api/"));
        }
    }

    @Test
    void keycloakAcceptsTheSwaggerUisLogin() throws Exception {
        JsonNode flow = E2eStack.gateway().get("/v3/api-docs/ticket-service").json().path("components")
                .path("securitySchemes").path("keycloak-login").path("flows").path("authorizationCode");
        String redirect = E2eStack.get().serviceUrl("gateway") + "/swagger-ui/oauth2-redirect.html";
        String login = flow.path("authorizationUrl").asString() + "?response_type=code&client_id=crm-console"
                + "&scope=openid&state=swagger&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(login)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // Keycloak's login form, not its "Invalid parameter: redirect_uri" page
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).containsAnyOf("kc-form-login", "name=\"password\"").doesNotContain("Invalid parameter");
        assertThat(flow.path("tokenUrl").asString()).isEqualTo("/api/auth/token");
    }
}
