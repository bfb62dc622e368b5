package com.quimbi.crm.notification.connection;

import com.quimbi.crm.test.AgentSocket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

/**
 * A socket lives no longer than the access token behind it unless a fresh token of the same agent arrives over
 * it. Keycloak's tokens live 300 s; a margin of 294 s makes this one "expire" about 6 s after it was issued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class TokenExpiryIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.realtime.allowed-origins", () -> "http://localhost:5173");
        registry.add("crm.realtime.token-expiry-margin", () -> "294s");
    }

    @LocalServerPort
    int port;

    @Test
    void theSocketIsClosedWithPolicyViolationWhenItsTokenExpiresAndAnotherAgentsTokenDoesNotExtendIt() {
        String token = DemoUser.AGENT.token();
        Api.Reply ticket = Api.at("http://localhost:" + port).as(token).post("/api/realtime/tickets", "");
        assertThat(ticket.status()).isEqualTo(201);
        try (AgentSocket socket = AgentSocket.open("ws://localhost:" + port + "/ws/agent?ticket="
                + ticket.json().path("ticket").asString(), "http://localhost:5173")) {
            socket.await("welcome", Duration.ofSeconds(5));
            socket.send("{\"type\":\"auth\",\"token\":\"" + DemoUser.SUPERVISOR.token() + "\"}");
            assertThat(socket.await("error", Duration.ofSeconds(5)).path("code").asString()).isEqualTo("auth_rejected");
            socket.send("{\"type\":\"auth\",\"token\":\"not-a-jwt\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> socket.closeCode != null);
            assertThat(socket.closeCode).isEqualTo(1008);
            assertThat(socket.closeReason).contains("token expired");
            assertThat(socket.ofType("error")).hasSize(2);
        }
    }
}
