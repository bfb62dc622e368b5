package com.quimbi.crm.integration.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.quimbi.crm.integration.config.IntegrationProperties;
import com.quimbi.crm.integration.customer.CustomerSync;
import com.quimbi.crm.integration.order.OrderSync;
import com.quimbi.crm.integration.product.ProductCatalog;
import com.quimbi.crm.integration.privacy.PrivacyService;
import com.quimbi.crm.integration.shop.ShopService;
import com.quimbi.crm.integration.webhook.internal.ReceiptStore;
import com.quimbi.crm.integration.webhook.internal.ReceiptStore.Due;

/**
 * Works off stored receipts: one transaction per receipt (its row locked with SKIP LOCKED, so instances and
 * threads never double up), side effects and outbox events committed with the "done" mark. A failure is
 * retried with exponential backoff; after {@code maxAttempts} the receipt is a dead letter ({@code failed}).
 */
@Component
class WebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

    private final ReceiptStore receipts;
    private final CustomerSync customers;
    private final ShopService shops;
    private final OrderSync orders;
    private final ProductCatalog products;
    private final PrivacyService privacy;
    private final TransactionTemplate tx;
    private final IntegrationProperties.Webhooks settings;
    private final Clock clock;

    WebhookProcessor(ReceiptStore receipts, CustomerSync customers, ShopService shops, OrderSync orders,
            ProductCatalog products, PrivacyService privacy, TransactionTemplate tx, IntegrationProperties properties,
            Clock clock) {
        this.receipts = receipts;
        this.customers = customers;
        this.shops = shops;
        this.orders = orders;
        this.products = products;
        this.privacy = privacy;
        this.tx = tx;
        this.settings = properties.webhooks();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${crm.integration.webhooks.poll-interval:1s}")
    void poll() {
        if (!settings.processingEnabled()) {
            return;
        }
        // a full batch means more are waiting: go on rather than idle until the next tick, which capped processing
        // at batch-size per poll interval (50/s) below what the ingest accepts
        int taken;
        do {
            taken = processDue();
        } while (taken == settings.batchSize());
    }

    /** Processes up to one batch of due receipts; answers how many were taken. */
    int processDue() {
        int taken = 0;
        while (taken < settings.batchSize() && processOne()) {
            taken++;
        }
        return taken;
    }

    private boolean processOne() {
        Optional<Due> attempted;
        try {
            attempted = tx.execute(status -> {
                Optional<Due> due = receipts.lockNextDue(clock.instant());
                due.ifPresent(receipt -> {
                    handle(receipt);
                    receipts.markDone(receipt.id(), clock.instant());
                });
                return due;
            });
        } catch (RuntimeException e) {
            // the transaction rolled back; record the failed attempt on its own
            tx.executeWithoutResult(status -> receipts.lockNextDue(clock.instant()).ifPresent(due -> fail(due, e)));
            return true;
        }
        return attempted != null && attempted.isPresent();
    }

    private void handle(Due receipt) {
        switch (receipt.topic()) {
            case "customers/create", "customers/update" -> customers.upsertFromWebhook(receipt.shopDomain(), receipt.body());
            case "customers/delete" -> customers.deleteFromWebhook(receipt.shopDomain(), receipt.body());
            case "app/uninstalled" -> shops.disconnect(receipt.shopDomain());
            case "orders/create", "orders/updated", "orders/cancelled" -> orders.applyOrderWebhook(receipt.shopDomain(), receipt.body());
            case "fulfillments/create", "fulfillments/update" -> orders.applyFulfillmentWebhook(receipt.shopDomain(), receipt.body());
            case "products/update" -> products.updateFromWebhook(receipt.shopDomain(), receipt.body());
            case "customers/data_request" -> privacy.dataRequest(receipt.shopDomain(), receipt.id(), receipt.body());
            case "customers/redact" -> privacy.customerRedact(receipt.shopDomain(), receipt.id(), receipt.body());
            case "shop/redact" -> privacy.shopRedact(receipt.shopDomain(), receipt.id());
            default -> log.info("Webhook topic {} from {} is not handled (yet); receipt kept", receipt.topic(),
                    receipt.shopDomain());
        }
    }

    private void fail(Due due, RuntimeException e) {
        int attempt = due.attempts() + 1;
        Instant next = null;
        if (attempt < settings.maxAttempts()) {
            long factor = 1L << Math.min(attempt - 1, 20);
            Duration wait = settings.firstRetry().multipliedBy(factor);
            next = clock.instant().plus(wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait);
        }
        log.warn("Webhook {} ({} from {}) failed, attempt {}{}: {}", due.id(), due.topic(), due.shopDomain(), attempt,
                next == null ? ", dead-lettered" : "", e.toString());
        receipts.markFailed(due.id(), e.getClass().getSimpleName() + ": " + e.getMessage(), next);
    }

    /** Receipts are the dedupe memory: kept for the whole window, then purged. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purge() {
        int purged = receipts.purgeOlderThan(clock.instant().minus(settings.retention()));
        if (purged > 0) {
            log.info("Purged {} webhook receipts older than {}", purged, settings.retention());
        }
    }
}
