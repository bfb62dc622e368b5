package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;

/**
 * An agent's life through the gateway: an admin creates them (a real Keycloak user), they log in and the
 * console learns who they are from /api/auth/me, agent.created reaches Kafka through Debezium, and after
 * deactivation their session is over.
 */
class AgentFlowIT {

    /** Login through the gateway, retried over a 429 left by the rate-limit tests. */
    static String login(DemoUser user) {
        return AuthorizationMatrixIT.login(user.username(), user.credential());
    }

    @Test
    void theDemoUsersHaveProfilesSoTheConsoleKnowsThem() {
        Api supervisor = E2eStack.gateway().as(login(DemoUser.SUPERVISOR));
        // agent-service imports them in the background after it started
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> supervisor.get("/api/auth/me").json().path("profileStatus").asString().equals("found"));
        Api.Reply me = supervisor.get("/api/auth/me");
        assertThat(me.json().path("agent").path("role").asString()).isEqualTo("supervisor");
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"agent\",\"supervisor\"]");
    }

    @Test
    void anAdminCreatesAnAgentWhoLogsInAndIsDeactivated() {
        Api admin = E2eStack.gateway().as(login(DemoUser.ADMIN));
        String username = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = AuthorizationMatrixIT.notLimited(() -> admin.post("/api/agents", """
                {"email":"%s@example.com","username":"%s","firstName":"Eve","lastName":"Tester","role":"agent",
                 "team":"returns","skills":["returns"],"languages":["en"],"initialPassword":"eve-pass-1234",
                 "temporaryPassword":false}""".formatted(username, username)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();

        Api.Reply login = AuthorizationMatrixIT.notLimited(() -> E2eStack.gateway().post("/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"eve-pass-1234\"}"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        Api eve = E2eStack.gateway().as(login.json().path("accessToken").asString());
        Api.Reply me = eve.get("/api/auth/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().path("id").asString()).isEqualTo(id);
        assertThat(me.json().path("profileStatus").asString()).isEqualTo("found");
        assertThat(me.json().path("agent").path("team").asString()).isEqualTo("returns");

        ConsumerRecord<String, String> event = KafkaProbe.awaitRecord(E2eStack.get().kafka().bootstrapServers(),
                "crm.agent.events", r -> id.equals(r.key()), Duration.ofSeconds(60));
        assertThat(new String(event.headers().lastHeader("eventType").value(), StandardCharsets.UTF_8))
                .isEqualTo("agent.created");

        Api.Reply deactivated = AuthorizationMatrixIT.notLimited(
                () -> admin.send(admin.request("/api/agents/" + id).DELETE()));
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(204);
        String refreshToken = login.json().path("refreshToken").asString();
        Api.Reply refresh = AuthorizationMatrixIT.notLimited(() -> E2eStack.gateway().post("/api/auth/refresh",
                "{\"refreshToken\":\"" + refreshToken + "\"}"));
        assertThat(refresh.status()).isEqualTo(401);
        Api.Reply again = AuthorizationMatrixIT.notLimited(() -> E2eStack.gateway().post("/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"eve-pass-1234\"}"));
        assertThat(again.status()).isEqualTo(401);
        assertThat(admin.get("/api/agents/" + id).json().path("active").asBoolean()).isFalse();
    }
}
