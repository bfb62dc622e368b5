package com.quimbi.crm.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.quimbi.crm.devstack.KeycloakServer;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Many agents in the bench stack's own Keycloak realm, created through Keycloak's admin API in one partial import
 * (username {@code bench.agent.N}, realm role {@code agent}). The realm's password hashing is turned down to 1,000
 * iterations first: a thousand logins at the default cost would make the benchmark measure PBKDF2, not us. Only
 * for a throw-away bench stack.
 */
final class BenchAgents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "bench-agent-pass";

    private BenchAgents() {
    }

    /** Creates {@code count} agents; returns their username and password pairs. */
    static List<String[]> create(KeycloakServer keycloak, int count) throws Exception {
        String admin = adminToken(keycloak);
        String realmUrl = keycloak.baseUrl() + "/admin/realms/crm";
        call(admin, "PUT", realmUrl, "{\"passwordPolicy\":\"hashIterations(1000)\"}");
        ObjectNode body = JSON.createObjectNode();
        body.put("ifResourceExists", "SKIP");
        ArrayNode users = body.putArray("users");
        List<String[]> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String username = "bench.agent." + i;
            ObjectNode user = users.addObject();
            user.put("username", username);
            user.put("enabled", true);
            user.put("emailVerified", true);
            user.put("firstName", "Bench");
            user.put("lastName", "Agent " + i);
            user.put("email", username + "@bench.local");
            user.putArray("realmRoles").add("agent");
            ObjectNode credential = user.putArray("credentials").addObject();
            credential.put("type", "password");
            credential.put("value", PASSWORD);
            credential.put("temporary", false);
            created.add(new String[] { username, PASSWORD });
        }
        long started = System.nanoTime();
        call(admin, "POST", realmUrl + "/partialImport", JSON.writeValueAsString(body));
        System.out.printf("created %d agents in Keycloak in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
        return created;
    }

    private static String adminToken(KeycloakServer keycloak) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin-dev-pass";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak admin login: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static void call(String token, String method, String url, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5))
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + ": " + response.statusCode() + " " + response.body());
        }
    }

}
