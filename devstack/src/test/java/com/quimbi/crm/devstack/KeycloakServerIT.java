package com.quimbi.crm.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;

/** Keycloak with the real infra/keycloak/crm-realm.json issues the tokens the services expect. */
class KeycloakServerIT {

    private static final Path DIR = Path.of("target", "it", "keycloak").toAbsolutePath();
    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        Files2.deleteRecursively(DIR);
        keycloak = KeycloakServer.start(DIR, 0, 0, CrmHome.repoRoot().resolve("infra/keycloak/crm-realm.json"));
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "alex.agent,      alex-demo-pass, agent,                   supervisor admin",
            "sara.supervisor, sara-demo-pass, supervisor agent,        admin",
            "adam.admin,      adam-demo-pass, admin supervisor agent,  ''"})
    void demoUserGetsATokenWithTheRealmRolesOfTheirCompositeRole(String username, String password, String granted, String notGranted) {
        JsonNode claims = claims(keycloak.accessToken(username, password));

        assertThat(claims.path("iss").asString()).isEqualTo(keycloak.issuerUri());
        assertThat(claims.path("sid").asString()).isNotBlank();
        assertThat(claims.path("preferred_username").asString()).isEqualTo(username);
        assertThat(claims.path("azp").asString()).isEqualTo("crm-console");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asString()));
        assertThat(roles).contains(granted.split(" "));
        if (!notGranted.isBlank()) {
            assertThat(roles).doesNotContain(notGranted.split(" "));
        }
    }

    @Test
    void gatewayClientAuthenticatesWithItsSecret() {
        Http.Response response = Http.postForm(keycloak.tokenUrl(), Map.of(
                "grant_type", "password", "client_id", "crm-gateway", "client_secret", "crm-gateway-dev-secret",
                "username", "alex.agent", "password", "alex-demo-pass"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(claims(response.json().path("access_token").asString()).path("azp").asString()).isEqualTo("crm-gateway");
    }

    @Test
    void concurrentLoginsOfOneUserAllGetTokens() throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var logins = java.util.stream.IntStream.range(0, 6).mapToObj(i -> pool.submit(() -> Http.postForm(keycloak.tokenUrl(),
                    Map.of("grant_type", "password", "client_id", "crm-console", "username", "sara.supervisor",
                            "password", "sara-demo-pass")))).toList();
            for (var login : logins) {
                Http.Response response = login.get();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void wrongPasswordGetsNoToken() {
        Http.Response response = Http.postForm(keycloak.tokenUrl(), Map.of(
                "grant_type", "password", "client_id", "crm-console", "username", "alex.agent", "password", "wrong"));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void publishesTheJwkSetServicesValidateAgainst() {
        Http.Response response = Http.get(keycloak.jwkSetUri());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("keys").size()).isPositive();
    }

    private static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
