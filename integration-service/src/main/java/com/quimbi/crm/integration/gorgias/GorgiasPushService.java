package com.quimbi.crm.integration.gorgias;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.contracts.ticket.AuthorType;
import com.quimbi.crm.contracts.ticket.MessageAdded;
import com.quimbi.crm.contracts.ticket.StatusChangeReason;
import com.quimbi.crm.contracts.ticket.TicketCreated;
import com.quimbi.crm.contracts.ticket.TicketStatusChanged;
import com.quimbi.crm.integration.gorgias.internal.GorgiasPushStore;
import com.quimbi.crm.integration.gorgias.internal.GorgiasPushStore.Due;
import com.quimbi.crm.integration.gorgias.internal.GorgiasStore;
import com.quimbi.crm.integration.gorgias.internal.GorgiasStore.TicketLink;
import com.quimbi.crm.platform.event.Actor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our side into Gorgias. From crm.ticket.events: a new ticket of ours (when an account is connected and
 * {@code push-new-tickets}), a public message and a status change of a Gorgias-linked ticket are queued
 * ({@code gorgias_push}); the queue is worked off in order per ticket with retries (backoff, then {@code failed},
 * listed by {@code GET /api/gorgias/pushes?status=failed}).
 * <p>
 * <b>Loop prevention</b>, both ways: every event caused by an import carries the actor {@code integration/gorgias}
 * (ticket-service copies the import's actor) and is never pushed; everything we push carries an {@code external_id}
 * with our prefix ({@code crm-ticket:<id>}, {@code crm-msg:<id>}), which {@link GorgiasImporter} recognises and never
 * imports back. Pushed messages carry {@code sent_datetime}, so Gorgias records them and sends nothing to anyone.
 */
@Service
public class GorgiasPushService {

    private static final Logger log = LoggerFactory.getLogger(GorgiasPushService.class);

    private final GorgiasPushStore queue;
    private final GorgiasStore links;
    private final GorgiasAccountService accounts;
    private final GorgiasClient client;
    private final GorgiasImporter importer;
    private final GorgiasProperties settings;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;

    GorgiasPushService(GorgiasPushStore queue, GorgiasStore links, GorgiasAccountService accounts, GorgiasClient client,
            GorgiasImporter importer, GorgiasProperties settings, TransactionTemplate tx, JsonMapper json, Clock clock) {
        this.queue = queue;
        this.links = links;
        this.accounts = accounts;
        this.client = client;
        this.importer = importer;
        this.settings = settings;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    static boolean fromGorgias(Actor actor) {
        return GorgiasImporter.ACTOR.type().equals(actor.type()) && GorgiasImporter.ACTOR.id().equals(actor.id());
    }

    // ---- crm.ticket.events (inside the consumer's transaction)

    void onTicketCreated(TicketCreated created, Actor actor) {
        Instant now = clock.instant();
        if ("gorgias".equals(created.externalSource()) && created.externalId() != null) {
            // an imported ticket: now we know its CRM id (the link page answers with it)
            try {
                long gorgiasId = Long.parseLong(created.externalId());
                links.linkOfGorgiasAnyAccount(gorgiasId)
                        .ifPresent(link -> links.setCrmId(link.accountDomain(), gorgiasId, created.ticketId(), now));
            } catch (NumberFormatException e) {
                log.warn("Imported ticket {} has a non-numeric Gorgias id", created.ticketId());
            }
            return;
        }
        if (fromGorgias(actor) || !settings.pushNewTickets()) {
            return;
        }
        Optional<String> account = accounts.connectedDomain();
        if (account.isEmpty()) {
            return;
        }
        links.linkOurs(account.get(), created.ticketId(), now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subject", created.subject());
        payload.put("description", created.description() != null ? created.description() : created.subject());
        payload.put("customerEmail", created.customerEmail());
        payload.put("createdAt", created.createdAt().toString());
        payload.put("status", GorgiasStatus.toGorgias(created.status()));
        queue.enqueue("ticket", created.ticketId(), null, json.writeValueAsString(payload), now);
    }

    void onMessageAdded(MessageAdded added, Actor actor) {
        if (fromGorgias(actor) || added.internal() || added.authorType() == AuthorType.SYSTEM) {
            return; // imported from Gorgias (never echoed back), or an internal note (never leaves the CRM)
        }
        Optional<TicketLink> link = links.linkOfCrm(added.ticketId());
        if (link.isEmpty()) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("fromAgent", added.authorType() == AuthorType.AGENT);
        payload.put("bodyText", added.bodyText() == null || added.bodyText().isBlank() ? "(no text)" : added.bodyText());
        payload.put("createdAt", added.createdAt().toString());
        queue.enqueue("message", added.ticketId(), added.messageId(), json.writeValueAsString(payload), clock.instant());
    }

    void onStatusChanged(TicketStatusChanged changed, Actor actor) {
        if (fromGorgias(actor) || changed.reason() == StatusChangeReason.IMPORT) {
            return;
        }
        if (links.linkOfCrm(changed.ticketId()).isEmpty()) {
            return;
        }
        String from = changed.from() == null ? null : GorgiasStatus.toGorgias(changed.from());
        String to = GorgiasStatus.toGorgias(changed.to());
        if (to.equals(from)) {
            return; // e.g. open → pending: the same in Gorgias
        }
        queue.enqueue("status", changed.ticketId(), null, json.writeValueAsString(Map.of("status", to)), clock.instant());
    }

    // ---- the queue

    @Scheduled(fixedDelayString = "${crm.integration.gorgias.poll-interval:500ms}")
    void poll() {
        if (settings.processingEnabled()) {
            pushDue();
        }
    }

    /** Pushes what is due (in order per ticket), one transaction per push; answers how many were taken. */
    public int pushDue() {
        int taken = 0;
        while (taken < 50) {
            Optional<Due> due;
            try {
                due = tx.execute(status -> {
                    Optional<Due> next = queue.lockNextDue(clock.instant());
                    next.ifPresent(this::push);
                    return next;
                });
            } catch (GorgiasThrottledException e) {
                tx.executeWithoutResult(status -> queue.lockNextDue(clock.instant())
                        .ifPresent(d -> queue.later(d.id(), clock.instant().plus(e.retryAfter()))));
                return taken;
            } catch (RuntimeException e) {
                tx.executeWithoutResult(status -> queue.lockNextDue(clock.instant()).ifPresent(d -> fail(d, e)));
                taken++;
                continue;
            }
            if (due == null || due.isEmpty()) {
                return taken;
            }
            taken++;
        }
        return taken;
    }

    private void push(Due due) {
        TicketLink link = links.linkOfCrm(due.crmTicketId()).orElse(null);
        if (link == null) {
            queue.markDone(due.id(), clock.instant()); // unlinked since (account removed): nothing to do
            return;
        }
        GorgiasCredentials credentials = accounts.credentials(link.accountDomain());
        JsonNode payload = json.readTree(due.payload());
        switch (due.kind()) {
            case "ticket" -> pushTicket(credentials, due, payload);
            case "message" -> pushMessage(credentials, link, due, payload);
            case "status" -> {
                String status = payload.path("status").asString();
                client.updateTicket(credentials, requireGorgiasId(link), Map.of("status", status));
                // what Gorgias will tell us back (ticket-updated) is no change: never synced back as one
                links.setLastStatus(link.accountDomain(), link.gorgiasTicketId(),
                        GorgiasStatus.toOurs(status, null, clock.instant()).name(), clock.instant());
            }
            default -> throw new IllegalStateException("unknown push kind " + due.kind());
        }
        queue.markDone(due.id(), clock.instant());
    }

    private void pushTicket(GorgiasCredentials credentials, Due due, JsonNode payload) {
        String customer = payload.path("customerEmail").asString();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", "api");
        message.put("via", "api");
        message.put("from_agent", false);
        message.put("public", true);
        message.put("sender", Map.of("email", customer));
        message.put("body_text", payload.path("description").asString());
        message.put("external_id", importer.messagePrefix() + "ticket-" + due.crmTicketId());
        message.put("sent_datetime", payload.path("createdAt").asString()); // already "sent": Gorgias must not send it
        message.put("created_datetime", payload.path("createdAt").asString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", Map.of("email", customer));
        body.put("external_id", importer.ticketPrefix() + due.crmTicketId());
        body.put("subject", payload.path("subject").asString());
        body.put("channel", "api");
        body.put("via", "api");
        body.put("status", payload.path("status").asString("open"));
        body.put("created_datetime", payload.path("createdAt").asString());
        body.put("messages", List.of(message));
        JsonNode created = client.createTicket(credentials, body);
        long gorgiasId = created.path("id").asLong(0);
        if (gorgiasId <= 0) {
            throw new IllegalStateException("Gorgias created no ticket id");
        }
        Instant now = clock.instant();
        links.setGorgiasId(due.crmTicketId(), credentials.domain(), gorgiasId, now);
        links.setLastStatus(credentials.domain(), gorgiasId,
                GorgiasStatus.toOurs(payload.path("status").asString("open"), null, now).name(), now);
        List<JsonNode> messages = new ArrayList<>();
        created.path("messages").forEach(messages::add);
        for (JsonNode m : messages) {
            if (m.path("id").asLong(0) > 0) {
                links.recordMessage(credentials.domain(), m.path("id").asLong(), gorgiasId, null, "crm", now);
            }
        }
    }

    private void pushMessage(GorgiasCredentials credentials, TicketLink link, Due due, JsonNode payload) {
        long gorgiasId = requireGorgiasId(link);
        boolean fromAgent = payload.path("fromAgent").asBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", "api");
        body.put("via", "api");
        body.put("from_agent", fromAgent);
        body.put("public", true);
        // agents' replies are written as the REST API user (a Gorgias user); customers' messages as the customer
        body.put("sender", fromAgent ? Map.of("email", credentials.email()) : Map.of("id", customerOf(credentials, gorgiasId)));
        body.put("body_text", payload.path("bodyText").asString());
        body.put("external_id", importer.messagePrefix() + due.crmMessageId());
        body.put("sent_datetime", payload.path("createdAt").asString()); // never sent by Gorgias: we already did
        body.put("created_datetime", payload.path("createdAt").asString());
        JsonNode created = client.createMessage(credentials, gorgiasId, body);
        long messageId = created.path("id").asLong(0);
        if (messageId > 0) {
            links.recordMessage(credentials.domain(), messageId, gorgiasId, due.crmMessageId(), "crm", clock.instant());
        }
    }

    private long customerOf(GorgiasCredentials credentials, long gorgiasTicketId) {
        long id = client.ticket(credentials, gorgiasTicketId).path("customer").path("id").asLong(0);
        if (id <= 0) {
            throw new IllegalStateException("Gorgias ticket " + gorgiasTicketId + " has no customer");
        }
        return id;
    }

    private static long requireGorgiasId(TicketLink link) {
        if (link.gorgiasTicketId() == null) {
            // the ticket's own push has not succeeded yet (pushes of a ticket go in order; it failed)
            throw new IllegalStateException("the ticket is not in Gorgias yet");
        }
        return link.gorgiasTicketId();
    }

    private void fail(Due due, RuntimeException e) {
        int attempt = due.attempts() + 1;
        Instant next = null;
        if (attempt < settings.maxAttempts()) {
            Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(attempt - 1, 20));
            next = clock.instant().plus(wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait);
        }
        log.warn("Gorgias push {} ({} of ticket {}) failed, attempt {}{}: {}", due.id(), due.kind(), due.crmTicketId(),
                attempt, next == null ? ", given up" : "", e.toString());
        queue.markFailed(due.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), next);
    }

    public List<GorgiasPush> list(String status, int limit) {
        return queue.list(status, limit);
    }

    /** The ticket's address in Gorgias, when it is linked and known there. */
    public Optional<String> linkOf(UUID crmTicketId) {
        return links.linkOfCrm(crmTicketId).filter(l -> l.gorgiasTicketId() != null)
                .map(l -> client.ticketUrl(l.accountDomain(), l.gorgiasTicketId()));
    }
}
