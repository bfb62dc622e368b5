package com.quimbi.crm.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.quimbi.crm.contracts.EventContracts;
import com.quimbi.crm.contracts.Topics;
import com.quimbi.crm.devstack.MailServer;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;
import com.quimbi.crm.test.KafkaProbe;
import com.quimbi.crm.test.TestInfrastructure;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The e-mail channel inside integration-service against a real GreenMail (SMTP + IMAP), Postgres and Kafka: a
 * customer's mail becomes ticket_imported + message_imported once, even when the poller reads the folder again;
 * an agent's reply is sent once (event delivered twice) with the thread's headers; the customer's answer, an
 * auto-reply and a bounce thread back to the ticket. The tests drive polling, processing and sending.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class MailChannelIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final MailServer MAIL = TestInfrastructure.mail();
    static final byte[] LABEL = "%PDF-1.4 return label".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** the file store an agent's attachments live in (ticket-service keeps their URLs) */
    static final com.sun.net.httpserver.HttpServer FILES = files();

    static com.sun.net.httpserver.HttpServer files() {
        try {
            var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/files/label.pdf", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/pdf");
                exchange.sendResponseHeaders(200, LABEL.length);
                exchange.getResponseBody().write(LABEL);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerServiceProperties(registry);
        registry.add("crm.integration.mail.env.address", () -> MailServer.SUPPORT_ADDRESS);
        registry.add("crm.integration.mail.env.username", () -> MailServer.SUPPORT_LOGIN);
        registry.add("crm.integration.mail.env.password", () -> MailServer.SUPPORT_PASSWORD);
        registry.add("crm.integration.mail.env.imap-host", MAIL::host);
        registry.add("crm.integration.mail.env.imap-port", MAIL::imapPort);
        registry.add("crm.integration.mail.env.imap-tls", () -> "false");
        registry.add("crm.integration.mail.env.smtp-host", MAIL::host);
        registry.add("crm.integration.mail.env.smtp-port", MAIL::smtpPort);
        registry.add("crm.integration.mail.env.smtp-tls", () -> "false");
        registry.add("crm.integration.mail.polling-enabled", () -> "false");
        registry.add("crm.integration.mail.processing-enabled", () -> "false");
        registry.add("crm.integration.mail.sending-enabled", () -> "false");
        registry.add("crm.integration.mail.batch-size", () -> "2");
        registry.add("crm.integration.mail.attachment-hosts", () -> "127.0.0.1");
        registry.add("crm.integration.mail.consumer-group", () -> "mail-it-" + UUID.randomUUID());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MailPoller poller;
    @Autowired
    InboundProcessor processor;
    @Autowired
    OutboundMailer mailer;
    @Autowired
    com.quimbi.crm.integration.mailbox.MailboxService mailboxes;

    String customer;

    @BeforeEach
    void setUp() {
        customer = "ann-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    int pollAndProcess() {
        int recorded = mailboxes.enabledLogins().stream().mapToInt(poller::poll).sum();
        processor.processDue();
        return recorded;
    }

    @Test
    void mailBecomesOneTicketEvenWhenTheFolderIsReadAgain() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 3; i++) {
            send(mail(customer, MailServer.SUPPORT_ADDRESS, "Order " + tag + " #" + i, "Where is my parcel " + i + "?"));
        }
        // batch size 2: the first round stops mid-folder (as a poller killed mid-batch would), the next resumes
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pollAndProcess();
            return imported("integration.ticket_imported", tag).size() == 3;
        });
        // the cursor lost (a crash before it committed, a UIDVALIDITY reset): everything is read again, nothing twice
        jdbc.update("UPDATE mailbox SET last_uid = 0");
        for (int i = 0; i < 3; i++) {
            assertThat(pollAndProcess()).isZero();
        }
        assertThat(imported("integration.ticket_imported", tag)).hasSize(3);
        List<JsonNode> messages = outbox("integration.message_imported").stream()
                .filter(e -> e.path("data").path("bodyText").asString().startsWith("Where is my parcel")).toList();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbound_mail WHERE message_id LIKE '<%'", Long.class))
                .isGreaterThanOrEqualTo(3);
        JsonNode ticket = imported("integration.ticket_imported", tag).getFirst();
        assertThat(ticket.path("data").path("source").asString()).isEqualTo("email");
        assertThat(ticket.path("data").path("channel").asString()).isEqualTo("email");
        assertThat(ticket.path("data").path("customerEmail").asString()).isEqualTo(customer);
        assertThat(messages).isNotEmpty();
    }

    @Test
    void replyThreadsBackAndForthAutoRepliesAndBouncesKnowTheirPlace() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        MimeMessage first = mail(customer, MailServer.SUPPORT_ADDRESS, "Broken zipper " + tag,
                "Hi,\nmy jacket's zipper broke.\n\nOn Mon, 1 Dec 2026, Shop <shop@example.com> wrote:\n> thanks for your order");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Hi,<br>my jacket's <b>zipper</b> broke.<script>alert(1)</script></p>", "text/html; charset=UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText((String) first.getContent(), "UTF-8");
        MimeBodyPart photo = new MimeBodyPart();
        photo.setContent(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, "image/png");
        photo.setFileName("zipper.png");
        MimeBodyPart virus = new MimeBodyPart();
        virus.setContent(new byte[] { 'M', 'Z' }, "application/octet-stream");
        virus.setFileName("invoice.exe");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        first.setContent(new MimeMultipart("mixed", body, photo, virus));
        first.saveChanges();
        send(first);
        String customerMessageId = first.getMessageID();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pollAndProcess();
            return imported("integration.ticket_imported", tag).size() == 1;
        });
        UUID ticketId = UUID.fromString(imported("integration.ticket_imported", tag).getFirst().path("data").path("ticketId").asString());
        JsonNode opening = messagesOf(ticketId).getFirst().path("data");
        assertThat(opening.path("bodyText").asString()).startsWith("Hi,\nmy jacket's zipper broke.")
                .doesNotContain("thanks for your order").contains("invoice.exe (type not allowed)");
        assertThat(opening.path("bodyHtml").asString()).contains("<b>zipper</b>");
        assertThat(opening.path("attachments")).hasSize(1);
        String download = opening.path("attachments").get(0).path("url").asString();
        String path = download.substring(download.indexOf("/api/mail/attachments/"));
        Api api = Api.at("http://localhost:" + port);
        assertThat(api.get(path).status()).isEqualTo(401);
        Api.Reply file = api.as(DemoUser.AGENT).get(path);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).contains("attachment").contains("zipper.png");

        // ticket-service announces the ticket, then the agent replies; the event arrives twice, and once more as a copy
        String number = "#" + (4000 + (int) (Math.random() * 100000));
        deliver("ticket.created", ticketId, """
                {"ticketId":"%s","number":"%s","subject":"Broken zipper %s","status":"new","priority":"normal",
                 "channel":"email","customerEmail":"%s","createdAt":"2026-12-04T10:00:00Z","tags":[]}"""
                .formatted(ticketId, number, tag, customer), UUID.randomUUID());
        UUID replyId = UUID.randomUUID();
        String reply = """
                {"messageId":"%s","ticketId":"%s","ticketNumber":"%s","authorType":"agent","authorId":"alex","direction":"outbound",
                 "channel":"email","internal":false,"attachmentCount":0,"deliveryStatus":"queued",
                 "bodyText":"Sorry about that!\\n\\nWe are sending a new one.","bodyTruncated":false,
                 "createdAt":"2026-12-04T10:05:00Z"}""".formatted(replyId, ticketId, number);
        UUID eventId = UUID.randomUUID();
        deliver("message.added", ticketId, reply, eventId);
        deliver("message.added", ticketId, reply, eventId);
        deliver("message.added", ticketId, reply, UUID.randomUUID());
        deliver("message.added", ticketId, """
                {"messageId":"%s","ticketId":"%s","ticketNumber":"%s","authorType":"agent","authorId":"alex","direction":"internal",
                 "channel":"email","internal":true,"attachmentCount":0,"bodyText":"customer is VIP","bodyTruncated":false,
                 "createdAt":"2026-12-04T10:06:00Z"}""".formatted(UUID.randomUUID(), ticketId, number), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbound_mail WHERE ticket_id = ?", Long.class, ticketId) >= 1);
        mailer.sendDue();
        mailer.sendDue();

        List<MimeMessage> inbox = inboxOf(customer);
        assertThat(inbox).hasSize(1);
        MimeMessage sent = inbox.getFirst();
        assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo(customerMessageId);
        assertThat(sent.getHeader("References", null)).contains(customerMessageId);
        assertThat(sent.getMessageID()).matches("<crm\\.[0-9a-f]{32}@crm\\.local>");
        assertThat(sent.getReplyTo()[0].toString()).matches("support\\+[0-9a-f]{32}@crm\\.local");
        assertThat(sent.getSubject()).isEqualTo("Re: Broken zipper " + tag + " [" + number + "]");
        assertThat(sent.getContentType()).startsWith("multipart/alternative");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbound_mail WHERE ticket_id = ?", Long.class, ticketId)).isEqualTo(1);
        assertThat(deliveries(replyId)).containsExactly("queued", "sent");

        // the customer answers our reply (to the plus-address): the same ticket, no new one
        MimeMessage answer = mail(customer, sent.getReplyTo()[0].toString(), "Re: " + sent.getSubject(), "Thanks, got it!");
        answer.setHeader("In-Reply-To", sent.getMessageID());
        answer.setHeader("References", customerMessageId + " " + sent.getMessageID());
        send(answer);
        // an out-of-office on the thread: joins it as an auto-reply (ticket-service never reopens for it)
        MimeMessage away = mail(customer, MailServer.SUPPORT_ADDRESS, "Automatic reply: " + sent.getSubject(), "I am away.");
        away.setHeader("Auto-Submitted", "auto-replied");
        away.setHeader("In-Reply-To", sent.getMessageID());
        send(away);
        // an out-of-office outside any thread opens nothing
        MimeMessage stray = mail(customer, MailServer.SUPPORT_ADDRESS, "Out of office " + tag, "Away until Monday.");
        stray.setHeader("X-Autoreply", "yes");
        send(stray);
        // the remote server bounces our reply
        send(bounce(sent.getMessageID(), customer));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pollAndProcess();
            return messagesOf(ticketId).size() == 3 && deliveries(replyId).contains("bounced");
        });
        List<JsonNode> thread = messagesOf(ticketId);
        assertThat(thread.get(1).path("data").path("bodyText").asString()).isEqualTo("Thanks, got it!");
        assertThat(thread.get(1).path("data").has("autoReply")).isFalse();
        assertThat(thread.get(2).path("data").path("autoReply").asBoolean()).isTrue();
        assertThat(imported("integration.ticket_imported", tag)).hasSize(1);
        JsonNode bounced = outbox("integration.message_delivery_updated").stream()
                .filter(e -> e.path("data").path("messageId").asString().equals(replyId.toString())
                        && e.path("data").path("status").asString().equals("bounced")).findFirst().orElseThrow();
        assertThat(bounced.path("data").path("detail").asString()).contains("5.1.1").contains("no such user");
        outbox(null).forEach(e -> EventContracts.assertValid(e.toString()));
    }

    @Test
    void anAgentsAttachmentsTravelWithTheReplyOrAsLinks() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID ticketId = UUID.randomUUID();
        String number = "#" + (200000 + (int) (Math.random() * 100000));
        deliver("ticket.created", ticketId, """
                {"ticketId":"%s","number":"%s","subject":"Return %s","status":"new","priority":"normal",
                 "channel":"email","customerEmail":"%s","createdAt":"2026-12-04T10:00:00Z","tags":[]}"""
                .formatted(ticketId, number, tag, customer), UUID.randomUUID());
        String label = "http://127.0.0.1:" + FILES.getAddress().getPort() + "/files/label.pdf";
        deliver("message.added", ticketId, """
                {"messageId":"%s","ticketId":"%s","ticketNumber":"%s","authorType":"agent","authorId":"alex","direction":"outbound",
                 "channel":"email","internal":false,"attachmentCount":2,"deliveryStatus":"queued",
                 "bodyText":"Here is your return label.","bodyTruncated":false,"createdAt":"2026-12-04T10:05:00Z",
                 "attachments":[{"name":"label.pdf","contentType":"application/pdf","size":%d,"url":"%s"},
                   {"name":"photo.jpg","contentType":"image/jpeg","size":1200,"url":"https://files.elsewhere.example/p.jpg"}]}"""
                .formatted(UUID.randomUUID(), ticketId, number, LABEL.length, label), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbound_mail WHERE ticket_id = ?", Long.class, ticketId) == 1);
        mailer.sendDue();

        List<MimeMessage> inbox = inboxOf(customer);
        assertThat(inbox).hasSize(1);
        MimeMultipart mixed = (MimeMultipart) inbox.getFirst().getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getCount()).isEqualTo(2);
        MimeBodyPart file = (MimeBodyPart) mixed.getBodyPart(1);
        assertThat(file.getFileName()).isEqualTo("label.pdf");
        assertThat(file.getContentType()).startsWith("application/pdf");
        assertThat(file.getInputStream().readAllBytes()).isEqualTo(LABEL);
        // not on a configured file host: never fetched, named as a link instead
        String text = (String) ((MimeMultipart) mixed.getBodyPart(0).getContent()).getBodyPart(0).getContent();
        assertThat(text).startsWith("Here is your return label.")
                .contains("photo.jpg: https://files.elsewhere.example/p.jpg").doesNotContain("label.pdf:");
    }

    @Test
    void customerRedactedErasesTheCustomersMailAndNobodyElses() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String other = "bob-" + tag + "@example.com";
        MimeMessage withFile = mail(customer, MailServer.SUPPORT_ADDRESS, "Receipt " + tag, "my receipt");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Here is my receipt, my address is 1 Main St.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setContent(new byte[] { '%', 'P', 'D', 'F' }, "application/pdf");
        file.setFileName("receipt.pdf");
        withFile.setContent(new MimeMultipart(text, file));
        withFile.saveChanges();
        send(withFile);
        send(mail(other, MailServer.SUPPORT_ADDRESS, "Other " + tag, "not redacted"));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pollAndProcess();
            return imported("integration.ticket_imported", tag).size() == 2;
        });
        UUID ticket = UUID.fromString(imported("integration.ticket_imported", "Receipt " + tag).getFirst()
                .path("data").path("ticketId").asString());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mail_attachment WHERE ticket_id = ?", Long.class, ticket))
                .isEqualTo(1);

        UUID customerId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String envelope = """
                {"id":"%s","type":"customer.redacted","aggregateType":"customer","aggregateId":"%s","occurredAt":"%s",
                 "schemaVersion":1,"actor":{"type":"agent","id":"alex"},
                 "data":{"customerId":"%s","emailSha256":"%s","tickets":1,"redactedAt":"%s"}}""".formatted(eventId,
                customerId, Instant.now(), customerId, sha256(customer.toUpperCase()), Instant.now());
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.CUSTOMER, customerId.toString(),
                envelope, Map.of("id", eventId.toString(), "eventType", "customer.redacted"));

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM inbound_mail WHERE ticket_id = ? AND raw IS NOT NULL", Long.class, ticket) == 0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mail_attachment WHERE ticket_id = ?", Long.class, ticket))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT customer_email FROM mail_ticket WHERE ticket_id = ?", String.class, ticket))
                .isNull();
        assertThat(imported("integration.ticket_imported", "Receipt " + tag)).isEmpty();
        assertThat(messagesOf(ticket)).isEmpty();
        // the other customer's mail is untouched
        assertThat(imported("integration.ticket_imported", "Other " + tag)).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbound_mail WHERE sender_sha256 = ? AND raw IS NOT NULL",
                Long.class, sha256(other))).isEqualTo(1);
    }

    @Test
    void aReplyTheMailServerCannotTakeIsRetriedAndFailsForGoodAfterItsLastAttempt() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID ticketId = UUID.randomUUID();
        String number = "#" + (300000 + (int) (Math.random() * 100000));
        deliver("ticket.created", ticketId, """
                {"ticketId":"%s","number":"%s","subject":"Late parcel %s","status":"new","priority":"normal",
                 "channel":"email","customerEmail":"%s","createdAt":"2026-12-04T10:00:00Z","tags":[]}"""
                .formatted(ticketId, number, tag, customer), UUID.randomUUID());
        UUID first = reply(ticketId, number, "It is on its way.");
        Integer smtpPort = jdbc.queryForObject("SELECT smtp_port FROM mailbox WHERE address = ?", Integer.class,
                MailServer.SUPPORT_ADDRESS);
        try {
            // the SMTP server is down: the reply stays queued with the reason and a later attempt
            jdbc.update("UPDATE mailbox SET smtp_port = 9 WHERE address = ?", MailServer.SUPPORT_ADDRESS);
            mailer.sendDue();
            Map<String, Object> row = jdbc.queryForMap(
                    "SELECT status, attempts, last_error, next_attempt_at > now() AS later FROM outbound_mail WHERE message_id = ?", first);
            assertThat(row.get("status")).isEqualTo("queued");
            assertThat(row.get("attempts")).isEqualTo(1);
            assertThat((String) row.get("last_error")).containsIgnoringCase("connect");
            assertThat(row.get("later")).isEqualTo(true);
            assertThat(deliveries(first)).containsExactly("queued");

            // still down at the last attempt: failed for good, and ticket-service hears why
            jdbc.update("UPDATE outbound_mail SET attempts = 4, next_attempt_at = now() WHERE message_id = ?", first);
            mailer.sendDue();
            assertThat(jdbc.queryForObject("SELECT status FROM outbound_mail WHERE message_id = ?", String.class, first))
                    .isEqualTo("failed");
            assertThat(deliveries(first)).containsExactly("queued", "failed");
            assertThat(outbox("integration.message_delivery_updated").stream()
                    .filter(e -> e.path("data").path("messageId").asString().equals(first.toString())).toList().getLast()
                    .path("data").path("detail").asString()).containsIgnoringCase("connect");

            // the next reply also meets the broken server first, then goes out once the server is back
            UUID second = reply(ticketId, number, "Tracking: 1Z999.");
            mailer.sendDue();
            assertThat(deliveries(second)).containsExactly("queued");
            jdbc.update("UPDATE mailbox SET smtp_port = ? WHERE address = ?", smtpPort, MailServer.SUPPORT_ADDRESS);
            jdbc.update("UPDATE outbound_mail SET next_attempt_at = now() WHERE message_id = ?", second);
            mailer.sendDue();
            assertThat(deliveries(second)).containsExactly("queued", "sent");
            assertThat(inboxOf(customer)).hasSize(1);

            // the customer is erased while a reply waits: it is never sent to anyone
            UUID third = reply(ticketId, number, "Anything else?");
            jdbc.update("UPDATE mail_ticket SET customer_email = NULL WHERE ticket_id = ?", ticketId);
            mailer.sendDue();
            assertThat(deliveries(third)).containsExactly("queued", "failed");
            assertThat(inboxOf(customer)).hasSize(1);
        } finally {
            jdbc.update("UPDATE mailbox SET smtp_port = ? WHERE address = ?", smtpPort, MailServer.SUPPORT_ADDRESS);
        }
    }

    @Test
    void aCustomersMailFindsItsTicketByPlusAddressOrNumberUntilTheTicketIsClosed() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID ticketId = UUID.randomUUID();
        String number = String.valueOf(500000 + (int) (Math.random() * 100000));
        deliver("ticket.created", ticketId, """
                {"ticketId":"%s","number":"#%s","subject":"Return %s","status":"new","priority":"normal",
                 "channel":"email","customerEmail":"old-%s","createdAt":"2026-12-04T10:00:00Z","tags":[]}"""
                .formatted(ticketId, number, tag, customer), UUID.randomUUID());
        // the agent corrects the customer's address (ticket.updated): mail from the new one belongs to the ticket
        deliver("ticket.updated", ticketId, """
                {"ticketId":"%s","number":"#%s","changes":{"customerEmail":{"old":"old-%s","new":"%s"}},"version":2,
                 "updatedAt":"2026-12-04T10:01:00Z"}""".formatted(ticketId, number, customer, customer), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> customer.equals(jdbc.queryForList(
                "SELECT customer_email FROM mail_ticket WHERE ticket_id = ?", String.class, ticketId).stream().findFirst().orElse(null)));
        String token = jdbc.queryForObject("SELECT thread_token FROM mail_ticket WHERE ticket_id = ?", String.class, ticketId);

        // no thread headers: to the ticket's plus-address, then with [#number] in the subject
        send(mail(customer, "support+" + token + "@crm.local", "My return " + tag, "Box is packed."));
        send(mail(customer, MailServer.SUPPORT_ADDRESS, "Label? [#" + number + "] " + tag, "Where is the label?"));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pollAndProcess();
            return messagesOf(ticketId).size() == 2;
        });
        assertThat(messagesOf(ticketId)).extracting(e -> e.path("data").path("bodyText").asString())
                .containsExactlyInAnyOrder("Box is packed.", "Where is the label?");
        assertThat(imported("integration.ticket_imported", tag)).isEmpty();

        // closed (ticket.status_changed): the number in a subject opens a new ticket instead
        deliver("ticket.status_changed", ticketId, """
                {"ticketId":"%s","number":"#%s","from":"solved","to":"closed","reason":"agent","changedAt":"2026-12-05T10:00:00Z"}"""
                .formatted(ticketId, number), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT closed FROM mail_ticket WHERE ticket_id = ?", Boolean.class, ticketId));
        send(mail(customer, MailServer.SUPPORT_ADDRESS, "Again [#" + number + "] " + tag, "One more thing."));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pollAndProcess();
            return imported("integration.ticket_imported", tag).size() == 1;
        });
        assertThat(messagesOf(ticketId)).hasSize(2);
        assertThat(imported("integration.ticket_imported", tag).getFirst().path("data").path("subject").asString())
                .startsWith("Again");
    }

    @Test
    void reportsAboutOtherMailDelayedReportsAndOurOwnMailOpenNothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID ticketId = UUID.randomUUID();
        String number = "#" + (400000 + (int) (Math.random() * 100000));
        deliver("ticket.created", ticketId, """
                {"ticketId":"%s","number":"%s","subject":"Gift card %s","status":"new","priority":"normal",
                 "channel":"email","customerEmail":"%s","createdAt":"2026-12-04T10:00:00Z","tags":[]}"""
                .formatted(ticketId, number, tag, customer), UUID.randomUUID());
        UUID replyId = reply(ticketId, number, "Your code is attached.");
        mailer.sendDue();
        String ours = inboxOf(customer).getFirst().getMessageID();

        MimeMessage delayed = report(ours, customer, "delayed");
        MimeMessage notOurs = report("<someone-else." + tag + "@elsewhere.example>", customer, "failed");
        MimeMessage loop = mail(MailServer.SUPPORT_ADDRESS, MailServer.SUPPORT_ADDRESS, "Loop " + tag, "our own mail");
        for (MimeMessage m : List.of(delayed, notOurs, loop)) {
            send(m);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pollAndProcess();
            return jdbc.queryForObject("SELECT count(*) FROM inbound_mail WHERE status = 'ignored' AND message_id IN (?, ?, ?)",
                    Long.class, delayed.getMessageID(), notOurs.getMessageID(), loop.getMessageID()) == 3;
        });
        assertThat(ignored(delayed)).isEqualTo("bounce: report action delayed");
        assertThat(ignored(notOurs)).isEqualTo("bounce: report about a mail that is not ours");
        assertThat(ignored(loop)).isEqualTo("own: sent from one of our own addresses");
        assertThat(imported("integration.ticket_imported", "Loop " + tag)).isEmpty();
        assertThat(deliveries(replyId)).containsExactly("queued", "sent");

        // the final report: delivered
        send(report(ours, customer, "delivered"));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            pollAndProcess();
            return deliveries(replyId).contains("delivered");
        });
        assertThat(jdbc.queryForObject("SELECT status FROM outbound_mail WHERE message_id = ?", String.class, replyId))
                .isEqualTo("delivered");
    }

    String ignored(MimeMessage mail) throws Exception {
        return jdbc.queryForObject("SELECT kind || ': ' || last_error FROM inbound_mail WHERE message_id = ?", String.class,
                mail.getMessageID());
    }

    /** An agent's public reply on the ticket (message.added), awaited until it is queued. */
    UUID reply(UUID ticketId, String number, String text) {
        UUID replyId = UUID.randomUUID();
        deliver("message.added", ticketId, """
                {"messageId":"%s","ticketId":"%s","ticketNumber":"%s","authorType":"agent","authorId":"alex","direction":"outbound",
                 "channel":"email","internal":false,"attachmentCount":0,"deliveryStatus":"queued",
                 "bodyText":"%s","bodyTruncated":false,"createdAt":"2026-12-04T10:05:00Z"}"""
                .formatted(replyId, ticketId, number, text), UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbound_mail WHERE message_id = ?", Long.class, replyId) == 1);
        return replyId;
    }

    static String sha256(String email) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(email.trim().toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void mailboxesAreForAdminsAndNeverShowThePassword() {
        Api api = Api.at("http://localhost:" + port);
        String body = """
                {"imapHost":"imap.example.com","imapPort":993,"smtpHost":"smtp.example.com","smtpPort":587,
                 "username":"help@example.com","password":"app-password-123"}""";
        assertThat(put(api.as(DemoUser.AGENT), "/api/mail/mailboxes/help@example.com", body).status()).isEqualTo(403);
        Api.Reply saved = put(api.as(DemoUser.ADMIN), "/api/mail/mailboxes/help@example.com", body);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("app-password-123").contains("\"imapTls\":true");
        assertThat(jdbc.queryForObject("SELECT password FROM mailbox WHERE address = 'help@example.com'", String.class))
                .startsWith("v1:").doesNotContain("app-password-123");
        Api.Reply bad = put(api.as(DemoUser.ADMIN), "/api/mail/mailboxes/not-an-address", """
                {"imapHost":"imap example","imapPort":0,"smtpHost":"smtp.example.com","smtpPort":587,"username":"x"}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(api.as(DemoUser.ADMIN).send(api.as(DemoUser.ADMIN).request("/api/mail/mailboxes/help@example.com")
                .DELETE()).status()).isEqualTo(204);
    }

    // ---- helpers

    Api.Reply put(Api client, String path, String json) {
        return client.send(client.request(path).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    static Session smtp() {
        Properties props = new Properties();
        props.put("mail.smtp.host", MAIL.host());
        props.put("mail.smtp.port", String.valueOf(MAIL.smtpPort()));
        return Session.getInstance(props);
    }

    static MimeMessage mail(String from, String to, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(smtp());
        message.setFrom(new InternetAddress(from, "Ann Kowalski"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.saveChanges();
        return message;
    }

    static void send(MimeMessage message) throws Exception {
        // sendMessage (unlike Transport.send) keeps the Message-ID the test already read
        try (Transport transport = smtp().getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** An RFC 3464 report as a remote MTA sends it, quoting our reply's headers. */
    static MimeMessage bounce(String ourMessageId, String recipient) throws Exception {
        return report(ourMessageId, recipient, "failed");
    }

    /** An RFC 3464 report with this Action (failed, delayed, delivered). */
    static MimeMessage report(String ourMessageId, String recipient, String action) throws Exception {
        String raw = """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r
                To: support@crm.local\r
                Subject: Undelivered Mail Returned to Sender\r
                Auto-Submitted: auto-replied\r
                MIME-Version: 1.0\r
                Message-ID: <bounce.%s@mx.example.com>\r
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
                \r
                --B\r
                Content-Type: text/plain\r
                \r
                Your message could not be delivered.\r
                --B\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; mx.example.com\r
                \r
                Final-Recipient: rfc822; %s\r
                Action: %s\r
                Status: 5.1.1\r
                Diagnostic-Code: smtp; 550 5.1.1 no such user\r
                --B\r
                Content-Type: text/rfc822-headers\r
                \r
                Message-ID: %s\r
                Subject: Re: your order\r
                --B--\r
                """.formatted(UUID.randomUUID(), recipient, action, ourMessageId);
        return new MimeMessage(smtp(), new java.io.ByteArrayInputStream(raw.getBytes()));
    }

    void deliver(String type, UUID ticketId, String data, UUID eventId) {
        String envelope = """
                {"id":"%s","type":"%s","aggregateType":"ticket","aggregateId":"%s","occurredAt":"%s","schemaVersion":1,
                 "actor":{"type":"agent","id":"alex"},"data":%s}""".formatted(eventId, type, ticketId, Instant.now(), data);
        KafkaProbe.deliver(TestInfrastructure.kafka().bootstrapServers(), Topics.TICKET, ticketId.toString(), envelope,
                Map.of("id", eventId.toString(), "eventType", type));
    }

    List<MimeMessage> inboxOf(String address) {
        return Arrays.stream(MAIL.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    List<JsonNode> outbox(String type) {
        return jdbc.queryForList("SELECT type, payload::text AS payload FROM outbox ORDER BY occurredat, id").stream()
                .filter(row -> type == null || type.equals(row.get("type")))
                .map(row -> JSON.readTree((String) row.get("payload"))).toList();
    }

    List<JsonNode> imported(String type, String subjectTag) {
        return outbox(type).stream().filter(e -> e.path("data").path("subject").asString().contains(subjectTag)).toList();
    }

    List<JsonNode> messagesOf(UUID ticketId) {
        return outbox("integration.message_imported").stream()
                .filter(e -> e.path("data").path("ticketId").asString().equals(ticketId.toString())).toList();
    }

    List<String> deliveries(UUID messageId) {
        return outbox("integration.message_delivery_updated").stream()
                .filter(e -> e.path("data").path("messageId").asString().equals(messageId.toString()))
                .map(e -> e.path("data").path("status").asString()).toList();
    }

    static byte[] bytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
