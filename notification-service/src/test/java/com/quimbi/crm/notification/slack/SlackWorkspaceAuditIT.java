package com.quimbi.crm.notification.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.TestInfrastructure;

import tools.jackson.databind.JsonNode;

/** The Slack connection in the audit trail: which secret changed, never a secret; notification rules too. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SlackWorkspaceAuditIT {

    static final String BOT_TOKEN = "xoxb-audit-bot-token-1234567890";
    static final String SIGNING_SECRET = "auditSigningSecret0123456789abc";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestInfrastructure.mail().smtpPort());
    }

    @LocalServerPort
    int port;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = Api.at("http://localhost:" + port).as(DemoUser.ADMIN);
    }

    @Test
    void connectingChangingAndDisconnectingSlackAreRecordedWithTheSecretsMasked() {
        assertThat(workspace("{\"botToken\":\"%s\",\"signingSecret\":\"%s\"}".formatted(BOT_TOKEN, SIGNING_SECRET))
                .status()).isEqualTo(200);
        assertThat(workspace("{\"webhookUrl\":\"https://hooks.slack.com/services/T0/B0/auditwebhook\"}").status())
                .isEqualTo(200);
        assertThat(admin.send(admin.request("/api/slack/workspace").DELETE()).status()).isEqualTo(204);

        Api.Reply reply = admin.get("/internal/audit?resourceType=slack_workspace");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode records = reply.json().path("items");
        assertThat(records.valueStream().map(r -> r.path("action").asString()))
                .containsExactly("slack_workspace.disconnected", "slack_workspace.updated", "slack_workspace.connected");
        assertThat(records.get(2).path("changes").toString())
                .isEqualTo("{\"botToken\":{\"before\":null,\"after\":\"***\"},"
                        + "\"signingSecret\":{\"before\":null,\"after\":\"***\"}}");
        assertThat(records.get(1).path("changes").toString())
                .isEqualTo("{\"webhookUrl\":{\"before\":null,\"after\":\"***\"}}");
        assertThat(reply.body()).doesNotContain("xoxb", SIGNING_SECRET, "hooks.slack.com");
    }

    private Api.Reply workspace(String json) {
        return admin.send(admin.request("/api/slack/workspace").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }
}
