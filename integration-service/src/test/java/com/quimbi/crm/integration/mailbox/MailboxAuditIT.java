package com.quimbi.crm.integration.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.UUID;

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

/** A mailbox's life in the audit trail: each change once, settings before and after, the password only as "***". */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class MailboxAuditIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.integration.mail.polling-enabled", () -> "false");
        registry.add("crm.integration.mail.processing-enabled", () -> "false");
        registry.add("crm.integration.mail.sending-enabled", () -> "false");
        registry.add("crm.integration.mail.consumer-group", () -> "mail-audit-it-" + UUID.randomUUID());
    }

    @LocalServerPort
    int port;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = Api.at("http://localhost:" + port).as(DemoUser.ADMIN);
    }

    static final String MAILBOX = """
            {"imapHost":"%s","imapPort":993,"smtpHost":"smtp.example.com","smtpPort":587,
             "username":"help@example.com","password":"%s"}""";

    @Test
    void createChangeAndDeleteAreRecordedWithThePasswordMasked() {
        String address = "audit-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        assertThat(put(address, MAILBOX.formatted("imap.example.com", "first-secret-123")).status()).isEqualTo(200);
        assertThat(put(address, MAILBOX.formatted("imap2.example.com", "second-secret-456")).status()).isEqualTo(200);
        assertThat(admin.send(admin.request("/api/mail/mailboxes/" + address).DELETE()).status()).isEqualTo(204);

        Api.Reply reply = admin.get("/internal/audit?resourceType=mailbox&resourceId=" + address);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode records = reply.json().path("items");
        assertThat(records.valueStream().map(r -> r.path("action").asString()))
                .containsExactly("mailbox.deleted", "mailbox.updated", "mailbox.created");
        JsonNode update = records.get(1).path("changes");
        assertThat(update.propertyNames()).containsExactlyInAnyOrder("imapHost", "password");
        assertThat(update.path("imapHost").toString())
                .isEqualTo("{\"before\":\"imap.example.com\",\"after\":\"imap2.example.com\"}");
        assertThat(update.path("password").toString()).isEqualTo("{\"before\":\"***\",\"after\":\"***\"}");
        assertThat(records.get(0).path("service").asString()).isEqualTo("integration-service");
        assertThat(reply.body()).doesNotContain("first-secret-123", "second-secret-456", "v1:");
    }

    private Api.Reply put(String address, String json) {
        return admin.send(admin.request("/api/mail/mailboxes/" + address).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }
}
