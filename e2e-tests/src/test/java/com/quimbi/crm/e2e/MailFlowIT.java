package com.quimbi.crm.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.quimbi.crm.devstack.MailServer;
import com.quimbi.crm.test.Api;
import com.quimbi.crm.test.DemoUser;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * E-mail end to end, real servers only: a customer's mail to the stack's GreenMail → integration-service (IMAP poll,
 * outbox, Debezium) → ticket-service, visible through the gateway; the agent's reply (POST through the gateway) →
 * message.added → integration-service → SMTP → the customer's GreenMail inbox, threaded; the customer's answer lands
 * on the same ticket; an auto-reply does not reopen the solved ticket; a bounce marks the reply bounced.
 */
class MailFlowIT {

    @Test
    void aCustomersMailBecomesATicketTheAgentsReplyReachesTheirInboxAndTheThreadHolds() throws Exception {
        MailServer mail = E2eStack.mail();
        Api agent = E2eStack.gateway().as(E2eStack.login(DemoUser.AGENT));
        String customer = "mia-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String tag = UUID.randomUUID().toString().substring(0, 8);

        MimeMessage first = mail(mail, customer, MailServer.SUPPORT_ADDRESS, "Wrong size " + tag,
                "Hello, the boots I got are a size too small.");
        send(mail, first);

        String customers = "/api/customers?email=" + URLEncoder.encode(customer, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> agent.get(customers).json().path("items").size() == 1);
        String customerId = agent.get(customers).json().path("items").get(0).path("id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> agent.get("/api/tickets?customerId=" + customerId).json().path("items").size() == 1);
        JsonNode ticket = agent.get("/api/tickets?customerId=" + customerId).json().path("items").get(0);
        String ticketId = ticket.path("id").asString();
        assertThat(ticket.path("subject").asString()).isEqualTo("Wrong size " + tag);
        assertThat(ticket.path("channel").asString()).isEqualTo("email");
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(agent, ticketId).size() == 1);

        // the agent answers through the gateway: it reaches the customer's inbox, threaded
        Api.Reply replied = agent.post("/api/tickets/" + ticketId + "/messages",
                "{\"body\":\"Sorry! A larger pair is on its way.\",\"authorType\":\"agent\"}");
        assertThat(replied.status()).as(replied.toString()).isEqualTo(201);
        String replyId = replied.json().path("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> inboxOf(mail, customer).size() == 1);
        MimeMessage reply = inboxOf(mail, customer).getFirst();
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(first.getMessageID());
        assertThat(reply.getHeader("References", null)).contains(first.getMessageID());
        assertThat(reply.getMessageID()).matches("<crm\\.[0-9a-f]{32}@crm\\.local>");
        assertThat(reply.getFrom()[0].toString()).contains(MailServer.SUPPORT_ADDRESS);
        assertThat(reply.getSubject()).startsWith("Re: Wrong size " + tag);
        await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(message(agent, ticketId, replyId).path("deliveryStatus").asString()));

        // the customer answers the reply: the same ticket
        MimeMessage answer = mail(mail, customer, reply.getReplyTo()[0].toString(), "Re: " + reply.getSubject(),
                "Great, thank you!\n\nOn Tue, Support <support@crm.local> wrote:\n> Sorry! A larger pair is on its way.");
        answer.setHeader("In-Reply-To", reply.getMessageID());
        answer.setHeader("References", first.getMessageID() + " " + reply.getMessageID());
        send(mail, answer);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> messages(agent, ticketId).size() == 3);
        assertThat(messages(agent, ticketId).get(2).path("body").asString()).isEqualTo("Great, thank you!");
        assertThat(agent.get("/api/tickets?customerId=" + customerId).json().path("items")).hasSize(1);

        // solved; an out-of-office on the thread is stored but does not reopen it
        assertThat(agent.send(agent.request("/api/tickets/" + ticketId).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\":\"solved\"}"))).status()).isEqualTo(200);
        MimeMessage away = mail(mail, customer, MailServer.SUPPORT_ADDRESS, "Automatic reply: " + reply.getSubject(), "I am away.");
        away.setHeader("Auto-Submitted", "auto-replied");
        away.setHeader("In-Reply-To", reply.getMessageID());
        send(mail, away);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> messages(agent, ticketId).size() == 4);
        assertThat(agent.get("/api/tickets/" + ticketId).json().path("status").asString()).isEqualTo("solved");

        // the customer's server bounces our reply: the message is bounced
        send(mail, bounce(mail, reply.getMessageID(), customer));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "bounced".equals(message(agent, ticketId, replyId).path("deliveryStatus").asString()));
    }

    static List<JsonNode> messages(Api agent, String ticketId) {
        List<JsonNode> all = new java.util.ArrayList<>();
        agent.get("/api/tickets/" + ticketId + "/messages?limit=100").json().path("items").forEach(all::add);
        return all;
    }

    static JsonNode message(Api agent, String ticketId, String messageId) {
        return messages(agent, ticketId).stream().filter(m -> m.path("id").asString().equals(messageId)).findFirst()
                .orElseThrow();
    }

    static Session smtp(MailServer mail) {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        return Session.getInstance(props);
    }

    static MimeMessage mail(MailServer mail, String from, String to, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(smtp(mail));
        message.setFrom(new InternetAddress(from, "Mia Rossi"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        message.saveChanges();
        return message;
    }

    static void send(MailServer mail, MimeMessage message) throws Exception {
        try (Transport transport = smtp(mail).getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    static List<MimeMessage> inboxOf(MailServer mail, String address) {
        return Arrays.stream(mail.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static MimeMessage bounce(MailServer mail, String ourMessageId, String recipient) throws Exception {
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
                Action: failed\r
                Status: 5.1.1\r
                Diagnostic-Code: smtp; 550 5.1.1 no such user\r
                --B\r
                Content-Type: text/rfc822-headers\r
                \r
                Message-ID: %s\r
                --B--\r
                """.formatted(UUID.randomUUID(), recipient, ourMessageId);
        return new MimeMessage(smtp(mail), new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }
}
