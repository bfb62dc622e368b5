package com.quimbi.crm.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.devstack.MailServer;
import com.quimbi.crm.integration.mailbox.MailboxService;
import com.quimbi.crm.test.TestInfrastructure;

import jakarta.mail.internet.MimeMessage;

/**
 * IMAP IDLE against GreenMail (which announces IDLE): the poller's own schedule is a 10-minute safety poll here, so
 * a mail recorded within seconds of its delivery was woken by the IDLE held on the mailbox. Several mails in a row
 * each wake it (the IDLE is issued again after every read).
 */
@SpringBootTest
@DirtiesContext
class MailIdleIT {

    static final MailServer MAIL = TestInfrastructure.mail();
    /** a mailbox of its own: no other test class reads it */
    static final String ADDRESS = "idle-" + UUID.randomUUID().toString().substring(0, 8) + "@crm.local";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        MAIL.greenMail().setUser(ADDRESS, ADDRESS, ADDRESS);
        registry.add("crm.integration.mail.env.address", () -> ADDRESS);
        registry.add("crm.integration.mail.env.username", () -> ADDRESS);
        registry.add("crm.integration.mail.env.password", () -> ADDRESS);
        registry.add("crm.integration.mail.env.imap-host", MAIL::host);
        registry.add("crm.integration.mail.env.imap-port", MAIL::imapPort);
        registry.add("crm.integration.mail.env.imap-tls", () -> "false");
        registry.add("crm.integration.mail.env.smtp-host", MAIL::host);
        registry.add("crm.integration.mail.env.smtp-port", MAIL::smtpPort);
        registry.add("crm.integration.mail.env.smtp-tls", () -> "false");
        registry.add("crm.integration.mail.polling-enabled", () -> "true");
        registry.add("crm.integration.mail.idle-enabled", () -> "true");
        registry.add("crm.integration.mail.safety-poll-interval", () -> "10m");
        registry.add("crm.integration.mail.processing-enabled", () -> "false");
        registry.add("crm.integration.mail.sending-enabled", () -> "false");
        registry.add("crm.integration.mail.consumer-group", () -> "mail-idle-it-" + UUID.randomUUID());
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MailPoller poller;
    @Autowired
    MailboxService mailboxes;

    @Test
    void newMailIsRecordedWithinSecondsThroughIdle() throws Exception {
        UUID mailbox = await().atMost(Duration.ofSeconds(30))
                .until(() -> mailboxes.enabledLogins().stream().map(l -> l.mailbox().id()).findFirst().orElse(null),
                        id -> id != null && poller.idling(id));
        for (int i = 1; i <= 3; i++) {
            String tag = UUID.randomUUID().toString();
            MimeMessage mail = MailChannelIT.mail("ann@example.com", ADDRESS, "Idle " + tag, "Hello " + i);
            mail.setHeader("Message-ID", "<" + tag + "@example.com>");
            MailChannelIT.send(mail);
            // the safety poll is 10 minutes away: only the IDLE wake-up records it this soon
            await().atMost(Duration.ofSeconds(5)).until(() -> recorded(mailbox, "<" + tag + "@example.com>"));
        }
        assertThat(poller.idling(mailbox)).isTrue();
    }

    @Test
    void anUnreachableServerIsRetriedAndTheIdleComesBackWhenItIsReachable() throws Exception {
        UUID mailbox = await().atMost(Duration.ofSeconds(30))
                .until(() -> mailboxes.enabledLogins().stream().map(l -> l.mailbox().id()).findFirst().orElse(null),
                        id -> id != null && poller.idling(id));
        Integer port = jdbc.queryForObject("SELECT imap_port FROM mailbox WHERE id = ?", Integer.class, mailbox);
        try {
            // the server moves away (nothing listens there): the held IDLE is given up, connecting is retried with backoff
            jdbc.update("UPDATE mailbox SET imap_port = 9 WHERE id = ?", mailbox);
            await().atMost(Duration.ofSeconds(15)).until(() -> !poller.idling(mailbox));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !poller.idling(mailbox));
        } finally {
            jdbc.update("UPDATE mailbox SET imap_port = ? WHERE id = ?", port, mailbox);
        }
        // reachable again: IDLE is held again and wakes the read as before
        await().atMost(Duration.ofSeconds(15)).until(() -> poller.idling(mailbox));
        String tag = UUID.randomUUID().toString();
        MimeMessage mail = MailChannelIT.mail("ann@example.com", ADDRESS, "Back " + tag, "Hello again");
        mail.setHeader("Message-ID", "<" + tag + "@example.com>");
        MailChannelIT.send(mail);
        await().atMost(Duration.ofSeconds(5)).until(() -> recorded(mailbox, "<" + tag + "@example.com>"));
    }

    boolean recorded(UUID mailbox, String messageId) {
        return jdbc.queryForObject("SELECT count(*) FROM inbound_mail WHERE mailbox_id = ? AND message_id = ?",
                Long.class, mailbox, messageId) == 1;
    }
}
