package com.quimbi.crm.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.quimbi.crm.contracts.ticket.MessageAttachment;
import com.quimbi.crm.integration.mailbox.MailProperties;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reply sender's two decisions that need no database: which SMTP failures are permanent (a 5xx refusal: the
 * reply fails at once) and which are worth a retry, and which of an agent's files are fetched and attached (only from
 * a configured file host, answering 200 within the size limit) rather than listed as links.
 */
class OutboundMailerTest {

    static final byte[] SMALL = "%PDF-1.4 label".getBytes();
    static HttpServer files;

    @BeforeAll
    static void fileHost() throws IOException {
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/files/label.pdf", exchange -> {
            exchange.sendResponseHeaders(200, SMALL.length);
            exchange.getResponseBody().write(SMALL);
            exchange.close();
        });
        files.createContext("/files/huge.bin", exchange -> {
            byte[] big = new byte[2048];
            exchange.sendResponseHeaders(200, big.length);
            exchange.getResponseBody().write(big);
            exchange.close();
        });
        files.createContext("/files/gone.pdf", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        files.start();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
    }

    static OutboundMailer mailer(String hosts) {
        Map<String, String> settings = new HashMap<>();
        settings.put("crm.integration.mail.attachment-hosts", hosts);
        settings.put("crm.integration.mail.max-attachment-bytes", "1024");
        settings.put("crm.integration.mail.attachment-fetch-timeout", "5s");
        MailProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("crm.integration.mail", MailProperties.class);
        return new OutboundMailer(null, null, null, null, properties, Clock.systemUTC(), JsonMapper.builder().build());
    }

    static MessageAttachment file(String name, long size, String url) {
        return new MessageAttachment(name, "application/pdf", size, url);
    }

    String base() {
        return "http://127.0.0.1:" + files.getAddress().getPort();
    }

    @Test
    void onlyAConfiguredHostsFileWithinTheLimitIsFetched() {
        OutboundMailer mailer = mailer("127.0.0.1");
        assertThat(mailer.fetch(file("label.pdf", SMALL.length, base() + "/files/label.pdf"))).isEqualTo(SMALL);
        // a host:port entry is matched too
        assertThat(mailer("127.0.0.1:" + files.getAddress().getPort())
                .fetch(file("label.pdf", SMALL.length, base() + "/files/label.pdf"))).isEqualTo(SMALL);
        // not a file host, not http(s), announced too big: never asked
        assertThat(mailer("files.example.com").fetch(file("label.pdf", SMALL.length, base() + "/files/label.pdf"))).isNull();
        assertThat(mailer.fetch(file("label.pdf", 10, "file:///etc/passwd"))).isNull();
        assertThat(mailer.fetch(file("label.pdf", 4096, base() + "/files/label.pdf"))).isNull();
        // bigger than announced, not there, unreachable, not a URL: a link instead
        assertThat(mailer.fetch(file("huge.bin", 10, base() + "/files/huge.bin"))).isNull();
        assertThat(mailer.fetch(file("gone.pdf", 10, base() + "/files/gone.pdf"))).isNull();
        assertThat(mailer("127.0.0.1:9").fetch(file("label.pdf", 10, "http://127.0.0.1:9/files/label.pdf"))).isNull();
        assertThat(mailer.fetch(file("label.pdf", 10, "http://127.0.0.1/a b"))).isNull();
    }

    @Test
    void a5xxRefusalIsPermanentA4xxOrALoginFailureIsNot() throws Exception {
        InternetAddress customer = new InternetAddress("ann@example.com");
        SMTPAddressFailedException unknownUser = new SMTPAddressFailedException(customer, "RCPT TO", 550,
                "550 5.1.1 no such user");
        SMTPAddressFailedException mailboxFull = new SMTPAddressFailedException(customer, "RCPT TO", 452,
                "452 4.2.2 mailbox full");
        assertThat(OutboundMailer.isPermanent(unknownUser)).isTrue();
        assertThat(OutboundMailer.isPermanent(mailboxFull)).isFalse();
        assertThat(OutboundMailer.isPermanent(new SMTPSendFailedException("DATA", 554, "554 5.7.1 spam", null, null, null,
                null))).isTrue();
        assertThat(OutboundMailer.isPermanent(new SMTPSendFailedException("DATA", 421, "421 try later", null, null, null,
                null))).isFalse();
        // Transport.send wraps the per-recipient refusal as the next exception
        SendFailedException wrapped = new SendFailedException("Invalid Addresses", unknownUser);
        assertThat(OutboundMailer.isPermanent(wrapped)).isTrue();
        assertThat(OutboundMailer.isPermanent(new SendFailedException("Invalid Addresses", mailboxFull))).isFalse();
        // found as a cause, too
        assertThat(OutboundMailer.isPermanent(new IllegalStateException("send failed", unknownUser))).isTrue();
        assertThat(OutboundMailer.isPermanent(new AuthenticationFailedException("535 5.7.8 bad credentials"))).isFalse();
        assertThat(OutboundMailer.isPermanent(new MessagingException("Couldn't connect to host"))).isFalse();
    }
}
