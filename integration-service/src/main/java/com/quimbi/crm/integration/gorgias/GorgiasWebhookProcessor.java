package com.quimbi.crm.integration.gorgias;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.integration.gorgias.internal.GorgiasReceiptStore;
import com.quimbi.crm.integration.gorgias.internal.GorgiasReceiptStore.Due;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works off Gorgias receipts, one transaction per receipt (SKIP LOCKED): the ticket of the delivery (the whole object
 * from the body when the HTTP integration sends it, else fetched by id from the REST API with its messages) goes
 * through {@link GorgiasImporter}; events and the "done" mark commit together. Rate-limited: the receipt waits, no
 * attempt counted. Other failures: exponential backoff, then dead letter ({@code failed}).
 */
@Component
class GorgiasWebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(GorgiasWebhookProcessor.class);

    private final GorgiasReceiptStore receipts;
    private final GorgiasImporter importer;
    private final GorgiasAccountService accounts;
    private final GorgiasClient client;
    private final GorgiasProperties settings;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;

    GorgiasWebhookProcessor(GorgiasReceiptStore receipts, GorgiasImporter importer, GorgiasAccountService accounts,
            GorgiasClient client, GorgiasProperties settings, TransactionTemplate tx, JsonMapper json, Clock clock) {
        this.receipts = receipts;
        this.importer = importer;
        this.accounts = accounts;
        this.client = client;
        this.settings = settings;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${crm.integration.gorgias.poll-interval:500ms}")
    void poll() {
        if (settings.processingEnabled()) {
            int taken = 0;
            while (taken < 50 && processOne()) {
                taken++;
            }
        }
    }

    private boolean processOne() {
        try {
            Optional<Due> done = tx.execute(status -> {
                Optional<Due> due = receipts.lockNextDue(clock.instant());
                due.ifPresent(receipt -> {
                    try {
                        handle(receipt);
                        receipts.markDone(receipt.id(), clock.instant());
                    } catch (GorgiasThrottledException e) {
                        status.setRollbackOnly();
                        throw e;
                    }
                });
                return due;
            });
            return done != null && done.isPresent();
        } catch (GorgiasThrottledException e) {
            tx.executeWithoutResult(status -> receipts.lockNextDue(clock.instant())
                    .ifPresent(due -> receipts.later(due.id(), clock.instant().plus(e.retryAfter()))));
            return false;
        } catch (RuntimeException e) {
            tx.executeWithoutResult(status -> receipts.lockNextDue(clock.instant()).ifPresent(due -> fail(due, e)));
            return true;
        }
    }

    private void handle(Due receipt) {
        JsonNode body = json.readTree(receipt.body());
        JsonNode ticket = body.has("ticket") ? body.path("ticket") : body;
        long id = ticket.path("id").asLong(body.path("ticket_id").asLong(0));
        if (id <= 0) {
            throw new IllegalArgumentException("the delivery names no ticket id (see the body template in the README)");
        }
        List<JsonNode> messages = new ArrayList<>();
        if (ticket.path("customer").isObject() && ticket.path("messages").isArray()) {
            ticket.path("messages").forEach(messages::add);
        } else {
            GorgiasCredentials credentials = accounts.credentials(receipt.accountDomain());
            ticket = client.ticket(credentials, id);
            messages.addAll(client.messages(credentials, id));
        }
        GorgiasImporter.Outcome outcome = importer.apply(receipt.accountDomain(), ticket, messages);
        log.debug("Gorgias {} of ticket {}: {}", receipt.event(), id, outcome);
    }

    private void fail(Due due, RuntimeException e) {
        int attempt = due.attempts() + 1;
        Instant next = null;
        if (attempt < settings.maxAttempts()) {
            Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(attempt - 1, 20));
            next = clock.instant().plus(wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait);
        }
        log.warn("Gorgias webhook {} ({} from {}) failed, attempt {}{}: {}", due.id(), due.event(), due.accountDomain(),
                attempt, next == null ? ", dead-lettered" : "", e.toString());
        receipts.markFailed(due.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), next);
    }

    /** Receipts are the dedupe memory for 7 days, then purged. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purge() {
        receipts.purgeOlderThan(clock.instant().minus(Duration.ofDays(7)));
    }
}
