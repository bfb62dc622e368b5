package com.quimbi.crm.integration.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.contracts.integration.MessageDeliveryUpdated;
import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.DeliveryStatus;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.MessageAttachment;
import com.quimbi.crm.contracts.ticket.MessageDirection;
import com.quimbi.crm.integration.mail.internal.MailStore;
import com.quimbi.crm.integration.mail.internal.MailStore.MailTicket;
import com.quimbi.crm.integration.mail.internal.MailStore.Outbound;
import com.quimbi.crm.integration.mailbox.MailProperties;
import com.quimbi.crm.integration.mailbox.Mailbox;
import com.quimbi.crm.integration.mailbox.MailboxService;
import com.quimbi.crm.integration.mailbox.MailboxService.MailboxLogin;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent's public reply on an e-mail ticket ({@code message.added}, outbound, not internal) becomes one row of
 * {@code outbound_mail} keyed by ticket-service's message id (a redelivered event queues nothing), then an SMTP
 * send: multipart text + HTML from the ticket's mailbox, {@code In-Reply-To}/{@code References} to the customer's
 * last mail, our {@code <crm.<token>@domain>} Message-ID, reply-to {@code <mailbox>+<ticket token>@domain}.
 * Temporary failures (no connection, SMTP 4xx) are retried with backoff; a permanent one (5xx) or the last
 * attempt fails it. Every step is {@code integration.message_delivery_updated}.
 */
@Component
public class OutboundMailer {

    private static final Logger log = LoggerFactory.getLogger(OutboundMailer.class);

    private final MailStore store;
    private final MailboxService mailboxes;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final MailProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private final HttpClient http;

    OutboundMailer(MailStore store, MailboxService mailboxes, OutboxWriter outbox, TransactionTemplate tx,
            MailProperties properties, Clock clock, JsonMapper json) {
        this.json = json;
        // never follows a redirect: only the configured file hosts are ever asked
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.store = store;
        this.mailboxes = mailboxes;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /** In the consumer's transaction: queues the reply once. */
    public void onMessageAdded(MessageAdded e) {
        if (e.channel() != Channel.EMAIL || e.internal() || e.direction() != MessageDirection.OUTBOUND
                || e.authorType() != AuthorType.AGENT) {
            return; // internal notes and customers' own messages are never sent
        }
        Instant now = clock.instant();
        MailTicket ticket = store.ticket(e.ticketId()).orElse(null);
        Optional<MailboxLogin> mailbox = ticket != null && ticket.mailboxId() != null ? mailboxes.login(ticket.mailboxId())
                : mailboxes.enabledLogins().stream().findFirst();
        String problem = ticket == null || ticket.customerEmail() == null ? "the ticket has no customer e-mail address"
                : mailbox.isEmpty() ? "no mailbox is configured to send from"
                : e.bodyTruncated() ? "the reply is longer than the 10,000 characters message.added carries; not sent"
                : null;
        String domain = mailbox.map(m -> m.mailbox().domain()).orElse("invalid");
        String header = MailThreads.newMessageId(domain);
        boolean queued = store.queue(e.messageId(), e.ticketId(), mailbox.map(m -> m.mailbox().id()).orElse(null), header,
                e.bodyText() == null ? "" : e.bodyText(),
                e.attachments() == null || e.attachments().isEmpty() ? null : json.writeValueAsString(e.attachments()),
                problem == null ? "queued" : "failed", now);
        if (!queued) {
            return; // this reply was queued before: sent once
        }
        Actor actor = new Actor("integration", mailbox.map(m -> m.mailbox().address()).orElse("email"));
        outbox.append(e.ticketId().toString(), actor, new MessageDeliveryUpdated(e.messageId(), e.ticketId(),
                problem == null ? DeliveryStatus.QUEUED : DeliveryStatus.FAILED, problem, InboundProcessor.PROVIDER,
                header, now));
        if (problem != null) {
            log.warn("Reply {} on ticket {} not sent: {}", e.messageId(), e.ticketId(), problem);
        }
    }

    @Scheduled(fixedDelayString = "${crm.integration.mail.send-interval:500ms}", initialDelayString = "PT3S")
    public void scheduled() {
        if (properties.sendingEnabled()) {
            sendDue();
        }
    }

    /**
     * Sends every due reply (claimed with a lease, so two instances never send the same one at once), over one SMTP
     * connection per mailbox for the whole round: a connection and login per reply capped sending at ~13 replies/s.
     */
    public int sendDue() {
        int sent = 0;
        Map<UUID, Transport> connections = new HashMap<>();
        try {
            while (sent < 200) {
                Instant now = clock.instant();
                List<Outbound> claimed = tx.execute(s -> store.claimDue(now, now.plus(properties.readTimeout().multipliedBy(4)), 10));
                if (claimed == null || claimed.isEmpty()) {
                    return sent;
                }
                for (Outbound out : claimed) {
                    send(out, connections);
                    sent++;
                }
            }
            return sent;
        } finally {
            connections.values().forEach(OutboundMailer::closeQuietly);
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            log.debug("closing an SMTP connection failed: {}", e.toString());
        }
    }

    /** The round's open connection for the mailbox, connected (and logged in) on first use. */
    private static Transport connection(Map<UUID, Transport> connections, Session session, MailboxLogin login)
            throws MessagingException {
        Transport transport = connections.get(login.mailbox().id());
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        transport = session.getTransport();
        Mailbox mailbox = login.mailbox();
        if (mailbox.username() != null && !mailbox.username().isBlank()) {
            transport.connect(mailbox.username(), login.password());
        } else {
            transport.connect();
        }
        connections.put(mailbox.id(), transport);
        return transport;
    }

    private void send(Outbound out, Map<UUID, Transport> connections) {
        Optional<MailboxLogin> login = out.mailboxId() == null ? Optional.empty() : mailboxes.login(out.mailboxId());
        MailTicket ticket = store.ticket(out.ticketId()).orElse(null);
        String error = null;
        boolean permanent = false;
        if (login.isEmpty() || ticket == null || ticket.customerEmail() == null) {
            error = "the mailbox or the ticket's customer address is gone";
            permanent = true;
        } else {
            try {
                Mailbox mailbox = login.get().mailbox();
                Session session = MailSessions.smtp(mailbox, properties);
                MimeMessage message = build(session, mailbox, ticket, out);
                message.saveChanges();
                connection(connections, session, login.get()).sendMessage(message, message.getAllRecipients());
            } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
                error = describe(e);
                permanent = isPermanent(e);
                // the next reply starts on a fresh connection: this one may be in any state
                Transport broken = connections.remove(login.get().mailbox().id());
                if (broken != null) {
                    closeQuietly(broken);
                }
            }
        }
        Instant now = clock.instant();
        Actor actor = new Actor("integration", login.map(l -> l.mailbox().address()).orElse("email"));
        if (error == null) {
            tx.executeWithoutResult(s -> {
                store.outboundStatus(out.messageId(), "sent", null, null, now);
                outbox.append(out.ticketId().toString(), actor, new MessageDeliveryUpdated(out.messageId(), out.ticketId(),
                        DeliveryStatus.SENT, null, InboundProcessor.PROVIDER, out.messageIdHeader(), now));
            });
            log.info("Reply {} on ticket {} sent as {}", out.messageId(), out.ticketId(), out.messageIdHeader());
            return;
        }
        boolean giveUp = permanent || out.attempts() >= properties.sendAttempts();
        String detail = error;
        Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(out.attempts() - 1, 16));
        Instant next = now.plus(wait.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : wait);
        tx.executeWithoutResult(s -> {
            store.outboundStatus(out.messageId(), giveUp ? "failed" : "queued", detail, giveUp ? null : next, null);
            if (giveUp) {
                outbox.append(out.ticketId().toString(), actor, new MessageDeliveryUpdated(out.messageId(), out.ticketId(),
                        DeliveryStatus.FAILED, InboundProcessor.cap(detail, 1000), InboundProcessor.PROVIDER,
                        out.messageIdHeader(), now));
            }
        });
        log.warn("Reply {} on ticket {}: attempt {} failed{}: {}", out.messageId(), out.ticketId(), out.attempts(),
                giveUp ? " for good" : ", retrying at " + next, detail);
    }

    private MimeMessage build(Session session, Mailbox mailbox, MailTicket ticket, Outbound out)
            throws MessagingException, UnsupportedEncodingException {
        String messageId = out.messageIdHeader();
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(mailbox.address(),
                mailbox.displayName() == null ? "Support" : mailbox.displayName(), StandardCharsets.UTF_8.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(ticket.customerEmail(), true));
        message.setReplyTo(new InternetAddress[] { new InternetAddress(mailbox.plusAddress(ticket.threadToken())) });
        message.setSubject(subject(ticket), StandardCharsets.UTF_8.name());
        if (ticket.lastMessageId() != null) {
            message.setHeader("In-Reply-To", ticket.lastMessageId());
            message.setHeader("References", ticket.references() != null ? ticket.references() : ticket.lastMessageId());
        }
        message.setSentDate(java.util.Date.from(clock.instant()));
        List<MimeBodyPart> files = new ArrayList<>();
        StringBuilder links = new StringBuilder();
        for (MessageAttachment attachment : attachments(out)) {
            byte[] content = fetch(attachment);
            if (content != null) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(content, attachment.contentType())));
                file.setFileName(attachment.name());
                file.setDisposition(Part.ATTACHMENT);
                files.add(file);
            } else {
                links.append(links.isEmpty() ? "\n\nAttachments:" : "").append("\n- ").append(attachment.name())
                        .append(": ").append(attachment.url());
            }
        }
        String body = out.bodyText() + links;
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(HtmlText.toHtml(body), "text/html; charset=UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        if (files.isEmpty()) {
            message.setContent(alternative);
        } else {
            MimeBodyPart bodyPart = new MimeBodyPart();
            bodyPart.setContent(alternative);
            MimeMultipart mixed = new MimeMultipart("mixed", bodyPart);
            for (MimeBodyPart file : files) {
                mixed.addBodyPart(file);
            }
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    private List<MessageAttachment> attachments(Outbound out) {
        if (out.attachments() == null || out.attachments().isBlank()) {
            return List.of();
        }
        return json.readValue(out.attachments(), new TypeReference<List<MessageAttachment>>() { });
    }

    /**
     * The file's bytes when its URL is on a configured file host (http/https, no redirects), answers 200 within the
     * timeout and is within {@code max-attachment-bytes}; null otherwise (the file is then listed as a link).
     */
    byte[] fetch(MessageAttachment attachment) {
        try {
            URI uri = URI.create(attachment.url());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || properties.attachmentHosts().stream()
                    .noneMatch(h -> h.equalsIgnoreCase(host) || h.equalsIgnoreCase(host + ":" + uri.getPort()))
                    || attachment.size() > properties.maxAttachmentBytes()) {
                return null;
            }
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(properties.attachmentFetchTimeout()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    log.warn("Attachment {} not fetched: HTTP {}", attachment.name(), response.statusCode());
                    return null;
                }
                byte[] content = in.readNBytes((int) properties.maxAttachmentBytes() + 1);
                return content.length > properties.maxAttachmentBytes() ? null : content;
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Attachment {} not fetched: {}", attachment.name(), e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String subject(MailTicket ticket) {
        String subject = ticket.subject() == null || ticket.subject().isBlank() ? "Your request" : ticket.subject().strip();
        if (!subject.toLowerCase(Locale.ROOT).startsWith("re:")) {
            subject = "Re: " + subject;
        }
        if (ticket.number() != null && !subject.contains("[#" + ticket.number() + "]")) {
            subject += " [#" + ticket.number() + "]";
        }
        return subject;
    }

    /** SMTP 5xx (the address or the message refused) will not change with a retry; 4xx and I/O errors may. */
    static boolean isPermanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPSendFailedException f && f.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SMTPAddressFailedException f && f.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof jakarta.mail.AuthenticationFailedException) {
                return false; // a password being rotated: retry
            }
            if (t instanceof SendFailedException f && f.getNextException() != null && f.getNextException() != t
                    && isPermanent(f.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }
}
