package com.quimbi.crm.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.json.JsonMapper;

/**
 * agent.deactivated on the real Kafka ends the agent's still-valid access tokens at the gateway (real
 * Keycloak tokens, real Redis). Downstream services are absent: a token let through ends as 503, a rejected
 * one as 401.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DeactivatedAgentIT {

    static final String GOLDEN_AGENT = "5b0c2f3e-2d7a-4c1e-9a55-0f6e8d7c1b2a";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("CRM_REDIS_URL", () -> TestInfrastructure.redis().url());
        registry.add("CRM_KEYCLOAK_URL", () -> TestInfrastructure.keycloak().baseUrl());
        registry.add("CRM_ISSUER_URI", () -> TestInfrastructure.keycloak().issuerUri());
        registry.add("CRM_JWK_SET_URI", () -> TestInfrastructure.keycloak().jwkSetUri());
        registry.add("CRM_KAFKA_BOOTSTRAP", () -> TestInfrastructure.kafka().bootstrapServers());
        registry.add("CRM_TICKET_SERVICE_URL", () -> "http://127.0.0.1:1");
        registry.add("spring.kafka.consumer.group-id", () -> "gateway-it-" + UUID.randomUUID());
    }

    @LocalServerPort
    int port;
    @Autowired
    DeactivatedSubjects deactivated;

    WebTestClient web;
    String token;
    String subject;

    @BeforeEach
    void setUp() {
        web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20)).build();
        token = DemoUser.AGENT.token();
        subject = JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]))
                .path("sub").asString();
    }

    @AfterEach
    void allowTheDemoUserAgain() {
        // the demo agent is shared by every test of this JVM
        deactivated.allow(subject).block(Duration.ofSeconds(5));
    }

    static String deactivatedEvent(String agentId, Instant at) {
        return EventContracts.golden("agent.deactivated", 1).replace(GOLDEN_AGENT, agentId)
                .replace("2026-11-28T18:00:00.000Z", at.toString())
                .replace("0193a0c5-1a2b-7c3d-8e4f-5a6b7c8d9e03", UUID.randomUUID().toString());
    }

    int status() {
        return web.get().uri("/api/tickets/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(token)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    @Test
    void theTokensOfADeactivatedAgentAreRejectedAtOnce() {
        int before = status();
        org.assertj.core.api.Assertions.assertThat(before).isEqualTo(503); // let through to the absent service

        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        KafkaProbe.deliver(bootstrap, "crm.agent.events", "poison", "{not json", Map.of("eventType", "agent.deactivated"));
        KafkaProbe.deliver(bootstrap, "crm.agent.events", subject, deactivatedEvent(subject, Instant.now()),
                Map.of("eventType", "agent.deactivated"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> status() == 401);
        web.get().uri("/api/auth/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().value("WWW-Authenticate", v -> org.assertj.core.api.Assertions.assertThat(v)
                        .contains("deactivated"));
    }

    @Test
    void aDeactivationOlderThanAnyTokenChangesNothing() {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        KafkaProbe.deliver(bootstrap, "crm.agent.events", subject, deactivatedEvent(subject, Instant.now().minus(Duration.ofHours(2))),
                Map.of("eventType", "agent.deactivated"));
        // a marker on the same partition (same key): once it is denied, the old event was handled before it
        String marker = UUID.randomUUID().toString();
        KafkaProbe.deliver(bootstrap, "crm.agent.events", subject, deactivatedEvent(marker, Instant.now()),
                Map.of("eventType", "agent.deactivated"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deactivated.isDenied(marker).block());
        org.assertj.core.api.Assertions.assertThat(status()).isEqualTo(503);
    }
}
