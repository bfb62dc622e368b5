package com.quimbi.crm.ticket.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.customer.CustomerRedacted;
import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.problem.NotFoundException;
import com.quimbi.crm.platform.audit.AuditTrail;
import com.quimbi.crm.ticket.activity.ActivityLog;
import com.quimbi.crm.ticket.privacy.internal.PrivacyStore;
import com.quimbi.crm.ticket.privacy.internal.PrivacyStore.Held;

/**
 * A shop's privacy requests (crm.integration.events). A redaction anonymizes the customer (and the customers merged
 * into it) and erases the personal content of its tickets and messages, which stay for statistics (status,
 * priority, channel, category, times), with an audit line per ticket and {@code customer.redacted} per customer
 * for every other holder; a data request stores an export for an admin. Both are recorded even when nobody
 * matches; redelivery is kept out by the inbox, and a redacted customer no longer matches anything.
 */
@Service
public class PrivacyService {

    private static final Logger log = LoggerFactory.getLogger(PrivacyService.class);

    private final PrivacyStore store;
    private final ActivityLog activity;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final AuditTrail audit;

    PrivacyService(PrivacyStore store, ActivityLog activity, OutboxWriter outbox, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.store = store;
        this.activity = activity;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Who a request names: the shop's customer id first, then the e-mail (case-insensitive). */
    public record Subject(String source, String shopDomain, String externalCustomerId, String email, String requestId,
            String externalRequestId, String reason, Instant requestedAt) {
    }

    @Transactional
    public void redact(Subject subject, Actor actor) {
        Instant now = clock.instant();
        List<Held> customers = store.lockCustomers(subject.externalCustomerId(), normalize(subject.email()));
        int tickets = 0;
        for (Held customer : customers) {
            List<UUID> ticketIds = store.ticketsOf(customer.id(), customer.email());
            store.eraseTickets(ticketIds);
            for (UUID ticket : ticketIds) {
                activity.record(ticket, actor, "customer_redacted", Map.of("customerId", customer.id().toString()), now);
            }
            store.anonymize(customer.id(), now);
            store.forgetPublished(customer.id(), ticketIds);
            outbox.append(customer.id().toString(), actor,
                    new CustomerRedacted(customer.id(), sha256(customer.email()), ticketIds.size(), now));
            tickets += ticketIds.size();
        }
        UUID customerId = customers.isEmpty() ? null : customers.getFirst().id();
        UUID request = Ids.newId();
        store.recordRequest(request, "redaction", subject, customerId, customers.size(), tickets, null, now);
        // what was erased, never whose data it was (no e-mail): the erasure must not be undone by its own record
        audit.record("privacy.customer_erased", "privacy_request", request, null, requestFacts(subject, Map.of(
                "customerIds", customers.stream().map(c -> c.id().toString()).toList(), "tickets", tickets)));
        log.info("Privacy: redaction request {} erased {} customers and {} tickets", subject.requestId(), customers.size(),
                tickets);
    }

    @Transactional
    public void export(Subject subject) {
        Instant now = clock.instant();
        UUID customerId = store.findCustomer(subject.externalCustomerId(), normalize(subject.email())).orElse(null);
        String content = customerId == null ? null : store.exportContent(customerId);
        int tickets = customerId == null ? 0 : store.ticketsOf(customerId, null).size();
        UUID request = Ids.newId();
        store.recordRequest(request, "export", subject, customerId, customerId == null ? 0 : 1, tickets, content, now);
        audit.record("privacy.data_exported", "privacy_request", request, null, requestFacts(subject, Map.of(
                "customerIds", customerId == null ? List.of() : List.of(customerId.toString()), "tickets", tickets)));
        log.info("Privacy: data request {} exported ({} tickets)", subject.requestId(), tickets);
    }

    @Transactional(readOnly = true)
    public List<PrivacyExport> exports(Integer limit) {
        return store.exports(Cursor.limit(limit));
    }

    /** An admin reads a customer's exported data: personal data leaving the system, so it is in the audit trail. */
    @Transactional
    public PrivacyExport export(UUID id) {
        PrivacyExport export = store.export(id).orElseThrow(() -> new NotFoundException("Export", id));
        audit.record("privacy.export_read", "privacy_export", id, null, null);
        return export;
    }

    private static Map<String, Object> requestFacts(Subject subject, Map<String, Object> outcome) {
        Map<String, Object> facts = new java.util.LinkedHashMap<>(outcome);
        facts.put("source", subject.source());
        facts.put("shopDomain", subject.shopDomain());
        facts.put("requestId", subject.requestId());
        facts.values().removeIf(java.util.Objects::isNull);
        return facts;
    }

    private static String normalize(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    static String sha256(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
