package com.quimbi.crm.integration.webhook;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.quimbi.crm.integration.config.IntegrationProperties;
import com.quimbi.crm.integration.shop.ShopDomain;
import com.quimbi.crm.integration.shop.ShopService;
import com.quimbi.crm.integration.webhook.internal.ReceiptStore;

/**
 * Accepting a delivery is only: check the signature, refuse what is outside the receipt window, store it once
 * (shop + topic + event id). That keeps the answer well within Shopify's 5 s; {@link WebhookProcessor} does the
 * work from the stored receipt.
 */
@Service
public class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

    /** What arrived, headers as sent. */
    public record Delivery(byte[] body, String topic, String hmac, String shopDomain, String eventId, String triggeredAt) {
    }

    private final ShopService shops;
    private final ReceiptStore receipts;
    private final IntegrationProperties properties;
    private final Clock clock;

    WebhookService(ShopService shops, ReceiptStore receipts, IntegrationProperties properties, Clock clock) {
        this.shops = shops;
        this.receipts = receipts;
        this.properties = properties;
        this.clock = clock;
    }

    public void receive(Delivery delivery) {
        String shop = delivery.shopDomain() == null ? null : delivery.shopDomain().trim().toLowerCase(Locale.ROOT);
        // an unknown shop and a wrong signature look the same from outside
        if (!ShopDomain.isValid(shop) || !WebhookSignature.verify(shops.webhookSecrets(shop), delivery.body(), delivery.hmac())) {
            log.warn("Refused a webhook with an invalid signature (shop header {}, topic {})", shop, delivery.topic());
            throw new WebhookRejectedException(HttpStatus.UNAUTHORIZED, "The webhook signature is not valid.");
        }
        if (delivery.topic() == null || delivery.topic().isBlank() || delivery.eventId() == null
                || delivery.eventId().isBlank()) {
            throw new WebhookRejectedException(HttpStatus.BAD_REQUEST,
                    "X-Shopify-Topic and X-Shopify-Event-Id are required.");
        }
        Instant now = clock.instant();
        Instant triggeredAt = parse(delivery.triggeredAt());
        if (triggeredAt != null && triggeredAt.isBefore(now.minus(properties.webhooks().retention()))) {
            // older than the receipts we keep: a duplicate of it could no longer be recognised
            throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, "The delivery is older than the receipt window.");
        }
        boolean stored = receipts.insert(shop, delivery.topic().trim(), delivery.eventId().trim(), triggeredAt, now,
                delivery.body());
        if (!stored) {
            log.debug("Duplicate delivery of event {} ({}, {}) ignored", delivery.eventId(), shop, delivery.topic());
        }
    }

    public List<Receipt> list(ReceiptStatus status, int limit) {
        return receipts.list(status.name().toLowerCase(Locale.ROOT), limit);
    }

    private static Instant parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, "X-Shopify-Triggered-At is not an ISO-8601 instant.");
        }
    }
}
