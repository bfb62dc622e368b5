package com.quimbi.crm.integration.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.contracts.integration.ImportSource;
import com.quimbi.crm.contracts.integration.ImportedAttachment;
import com.quimbi.crm.contracts.integration.ImportedAuthorType;
import com.quimbi.crm.contracts.integration.MessageDeliveryUpdated;
import com.quimbi.crm.contracts.integration.MessageImported;
import com.quimbi.crm.contracts.integration.TicketImported;
import com.quimbi.crm.contracts.ticket.Channel;
import com.quimbi.crm.contracts.ticket.DeliveryStatus;
import com.quimbi.crm.contracts.ticket.TicketStatus;
import com.quimbi.crm.integration.mail.ParsedMail.ParsedAttachment;
import com.quimbi.crm.integration.mail.internal.MailStore;
import com.quimbi.crm.integration.mail.internal.MailStore.Inbound;
import com.quimbi.crm.integration.mail.internal.MailStore.MailTicket;
import com.quimbi.crm.integration.mail.internal.MailStore.Outbound;
import com.quimbi.crm.integration.mailbox.MailProperties;
import com.quimbi.crm.integration.mailbox.Mailbox;
import com.quimbi.crm.integration.mailbox.MailboxService;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;

/**
 * Works off recorded inbound mail, one mail per transaction ({@code SKIP LOCKED}): the parsed mail's effect (a new
 * ticket, a message on the ticket it threads into, a bounce's delivery status) and its outbox events commit with
 * the "processed" mark. Mail from our own addresses is ignored; an auto-reply joins its ticket as such (never
 * reopening it) and never opens one; a bounce matched to one of our replies marks it bounced.
 */
@Component
public class InboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
    static final String PROVIDER = "smtp";
    private static final int TEXT_LIMIT = 200_000;
    private static final int HTML_LIMIT = 500_000;

    private final MailStore store;
    private final MailboxService mailboxes;
    private final MailThreads threads;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final TransactionTemplate nested;
    private final MailParser parser;
    private final MailProperties properties;
    private final Clock clock;
    private final AtomicBoolean waking = new AtomicBoolean();

    InboundProcessor(MailStore store, MailboxService mailboxes, MailThreads threads, OutboxWriter outbox,
            PlatformTransactionManager transactions, MailProperties properties, Clock clock) {
        this.store = store;
        this.mailboxes = mailboxes;
        this.threads = threads;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactions);
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.parser = new MailParser(properties.maxAttachmentBytes(), properties.maxAttachments());
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${crm.integration.mail.process-interval:1s}", initialDelayString = "PT3S")
    public void scheduled() {
        if (properties.processingEnabled()) {
            processDue();
        }
    }

    /**
     * The poller just recorded mail: work it off now rather than at the next scheduled round (up to a second later).
     * A wake-up while one runs is dropped; that run, or the next scheduled one, picks the mail up.
     */
    public void wake() {
        if (properties.processingEnabled() && waking.compareAndSet(false, true)) {
            Thread.ofVirtual().name("mail-inbound-wake").start(() -> {
                try {
                    processDue();
                } catch (RuntimeException e) {
                    log.warn("Processing woken inbound mail failed: {}", e.toString());
                } finally {
                    waking.set(false);
                }
            });
        }
    }

    /** Processes every due mail (up to 500 a round); how many were handled. */
    public int processDue() {
        int handled = 0;
        while (handled < 500 && Boolean.TRUE.equals(tx.execute(s -> processNext()))) {
            handled++;
        }
        return handled;
    }

    private boolean processNext() {
        Instant now = clock.instant();
        List<Inbound> due = store.lockDue(now, 1);
        if (due.isEmpty()) {
            return false;
        }
        Inbound mail = due.getFirst();
        try {
            nested.executeWithoutResult(s -> handle(mail, now));
        } catch (UnreadableMailException e) {
            log.warn("Inbound mail {} is unreadable: {}", mail.id(), e.getMessage());
            store.processed(mail.id(), "failed", null, null, e.getMessage(), now);
        } catch (RuntimeException e) {
            int attempts = mail.attempts() + 1;
            boolean giveUp = attempts >= properties.processAttempts();
            Duration wait = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 16));
            log.warn("Inbound mail {} failed (attempt {}{}): {}", mail.id(), attempts, giveUp ? ", giving up" : "",
                    e.toString());
            store.retryLater(mail.id(), attempts, e.toString(), now.plus(wait.compareTo(properties.maxRetry()) > 0
                    ? properties.maxRetry() : wait), giveUp);
        }
        return true;
    }

    private void handle(Inbound inbound, Instant now) {
        Mailbox mailbox = mailboxes.login(inbound.mailboxId()).orElseThrow().mailbox();
        Actor actor = new Actor("integration", mailbox.address());
        ParsedMail mail = parser.parse(inbound.raw());
        List<String> own = mailboxes.ownAddresses();
        if (mail.fromAddress() == null) {
            store.processed(inbound.id(), "ignored", "noise", null, "no sender address", now);
            return;
        }
        if (own.contains(mail.fromAddress())) {
            store.processed(inbound.id(), "ignored", "own", null, "sent from one of our own addresses", now);
            return;
        }
        if (mail.bounce() != null) {
            bounce(inbound, mail, actor, now);
            return;
        }
        Optional<MailTicket> thread = threads.find(mail, own).filter(t -> !t.closed());
        if (mail.autoReply() && thread.isEmpty()) {
            // an out-of-office or list mail never opens a ticket (loops, noise)
            store.processed(inbound.id(), "ignored", "auto_reply", null, "auto-reply outside any ticket", now);
            return;
        }
        UUID ticketId;
        String references = references(mail);
        if (thread.isPresent()) {
            ticketId = thread.get().ticketId();
            store.customerWrote(ticketId, mailbox.id(), mail.messageId(), references, now);
        } else {
            ticketId = Ids.newId();
            String subject = mail.subject() == null || mail.subject().isBlank() ? "(no subject)" : mail.subject().strip();
            store.openedFromMail(ticketId, mail.fromAddress(), subject, MailThreads.newToken(), mailbox.id(),
                    mail.messageId(), references, now);
            outbox.append(aggregate(ticketId), actor, new TicketImported(ImportSource.EMAIL, ticketId.toString(),
                    cap(subject, 300), cap(HtmlText.trimQuoted(mail.text()), 100_000), TicketStatus.NEW, null,
                    Channel.EMAIL, mail.fromAddress(), cap(mail.fromName(), 200), null, now, now, ticketId));
        }
        List<ImportedAttachment> attachments = new ArrayList<>();
        String html = mail.html();
        for (ParsedAttachment file : mail.attachments()) {
            UUID id = Ids.newId();
            store.attachment(id, inbound.id(), ticketId, file.name(), file.contentType(), file.content(), file.inline(),
                    file.contentId(), now);
            String url = stripSlash(properties.attachmentBaseUrl()) + "/api/mail/attachments/" + id;
            attachments.add(new ImportedAttachment(file.name(), cap(file.contentType(), 127), (long) file.content().length,
                    url, file.inline() ? Boolean.TRUE : null));
            if (html != null && file.contentId() != null) {
                html = html.replace("cid:" + file.contentId(), url);
            }
        }
        String text = HtmlText.trimQuoted(mail.text());
        if (!mail.refusedAttachments().isEmpty()) {
            text += "\n\n[Attachments not kept: " + String.join(", ", mail.refusedAttachments()) + "]";
        }
        outbox.append(aggregate(ticketId), actor, new MessageImported(ImportSource.EMAIL, ticketId.toString(),
                inbound.id().toString(), ImportedAuthorType.CUSTOMER, cap(text, TEXT_LIMIT),
                html == null || html.length() > HTML_LIMIT ? null : html, false, now, now, ticketId,
                mail.autoReply() ? Boolean.TRUE : null, attachments.isEmpty() ? null : attachments));
        store.processed(inbound.id(), "processed", mail.autoReply() ? "auto_reply" : "customer", ticketId, null, now);
    }

    /** A delivery status notification about one of our replies: delivered, or bounced with the server's reason. */
    private void bounce(Inbound inbound, ParsedMail mail, Actor actor, Instant now) {
        List<String> ids = new ArrayList<>(mail.bounce().quotedMessageIds());
        if (mail.inReplyTo() != null) {
            ids.add(mail.inReplyTo());
        }
        ids.addAll(mail.references());
        Optional<Outbound> original = store.outboundByHeader(ids);
        String action = mail.bounce().action() == null ? "failed" : mail.bounce().action();
        DeliveryStatus status = switch (action) {
            case "failed" -> DeliveryStatus.BOUNCED;
            case "delivered" -> DeliveryStatus.DELIVERED;
            default -> null; // delayed, relayed, expanded: not final
        };
        if (original.isEmpty() || status == null) {
            store.processed(inbound.id(), "ignored", "bounce", null,
                    original.isEmpty() ? "report about a mail that is not ours" : "report action " + action, now);
            return;
        }
        Outbound out = original.get();
        String detail = cap(String.join(" ", java.util.stream.Stream.of(mail.bounce().status(), mail.bounce().diagnostic())
                .filter(java.util.Objects::nonNull).toList()), 1000);
        store.outboundStatus(out.messageId(), status.name().toLowerCase(java.util.Locale.ROOT), detail, null, null);
        outbox.append(out.ticketId().toString(), actor, new MessageDeliveryUpdated(out.messageId(), out.ticketId(), status,
                detail.isEmpty() ? null : detail, PROVIDER, out.messageIdHeader(), now));
        store.processed(inbound.id(), "processed", "bounce", out.ticketId(), null, now);
    }

    /** The thread's References for our next reply: the mail's own plus its Message-ID, the last 10 ids. */
    private static String references(ParsedMail mail) {
        List<String> ids = new ArrayList<>(mail.references());
        if (mail.inReplyTo() != null && !ids.contains(mail.inReplyTo())) {
            ids.add(mail.inReplyTo());
        }
        ids.add(mail.messageId());
        List<String> last = ids.subList(Math.max(0, ids.size() - 10), ids.size());
        return cap(String.join(" ", last), 4000);
    }

    static String aggregate(UUID ticketId) {
        return "email:" + ticketId;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String cap(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }
}
