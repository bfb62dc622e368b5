package com.quimbi.crm.integration.order;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.Money;
import com.quimbi.crm.contracts.integration.OrderFulfillment;
import com.quimbi.crm.contracts.integration.OrderLineItem;
import com.quimbi.crm.contracts.integration.OrderSource;
import com.quimbi.crm.contracts.integration.OrderSynced;
import com.quimbi.crm.integration.order.internal.OrderStore;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.outbox.OutboxWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify orders into the CRM: orders/create|updated|cancelled and fulfillments/create|update keep the order's
 * last copy (newer {@code updated_at} only: a replayed or re-ordered delivery changes nothing), write
 * {@code integration.order_synced} to the outbox in the same transaction and drop the customer's cached orders.
 */
@Service
public class OrderSync {

    private static final Logger log = LoggerFactory.getLogger(OrderSync.class);

    private final OrderStore store;
    private final OutboxWriter outbox;
    private final CustomerOrdersCache cache;
    private final JsonMapper json;
    private final Clock clock;

    OrderSync(OrderStore store, OutboxWriter outbox, CustomerOrdersCache cache, JsonMapper json, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.cache = cache;
        this.json = json;
        this.clock = clock;
    }

    /** orders/create, orders/updated, orders/cancelled: the REST-shaped order body. */
    @Transactional
    public void applyOrderWebhook(String shop, byte[] body) {
        JsonNode order = json.readTree(body);
        String orderId = ShopifyValues.id(order, "id");
        if (orderId == null) {
            throw new IllegalArgumentException("order webhook without id");
        }
        for (JsonNode fulfillment : order.path("fulfillments")) {
            applyFulfillment(shop, orderId, fulfillment);
        }
        Instant now = clock.instant();
        Instant updatedAt = orElse(ShopifyValues.instant(ShopifyValues.text(order, "updated_at")), now);
        Instant createdAt = orElse(ShopifyValues.instant(ShopifyValues.text(order, "created_at")), updatedAt);
        String currency = ShopifyValues.text(order, "currency");
        List<OrderLineItem> lines = new ArrayList<>();
        for (JsonNode line : order.path("line_items")) {
            if (lines.size() == OrderSynced.MAX_LINE_ITEMS) {
                break;
            }
            String title = orElse(ShopifyValues.cut(ShopifyValues.text(line, "title"), 255),
                    orElse(ShopifyValues.cut(ShopifyValues.text(line, "name"), 255), "(untitled)"));
            int quantity = (int) Math.max(0, Math.min(1_000_000, line.path("quantity").asLong(0)));
            lines.add(new OrderLineItem(title, ShopifyValues.cut(ShopifyValues.text(line, "variant_title"), 255),
                    ShopifyValues.cut(ShopifyValues.text(line, "sku"), 255), quantity,
                    ShopifyValues.money(ShopifyValues.text(line, "price"), currency), ShopifyValues.id(line, "product_id"),
                    ShopifyValues.id(line, "variant_id")));
        }
        String fulfillmentStatus = ShopifyValues.status(ShopifyValues.text(order, "fulfillment_status"));
        OrderSynced event = new OrderSynced(OrderSource.SHOPIFY, shop, orderId,
                orElse(ShopifyValues.cut(ShopifyValues.text(order, "name"), 64), "#" + orderId),
                ShopifyValues.id(order.path("customer"), "id"), ShopifyValues.email(ShopifyValues.text(order, "email")),
                createdAt, updatedAt, ShopifyValues.instant(ShopifyValues.text(order, "cancelled_at")),
                ShopifyValues.status(ShopifyValues.text(order, "financial_status")),
                // REST sends null for nothing shipped yet and "partial" for some
                fulfillmentStatus == null ? "unfulfilled" : "partial".equals(fulfillmentStatus) ? "partially_fulfilled" : fulfillmentStatus,
                ShopifyValues.money(ShopifyValues.text(order, "total_price"), currency), lines.isEmpty() ? null : lines,
                fulfillments(shop, orderId), now);
        if (!store.applyIfNewer(shop, orderId, event.customerId(), event.email(), createdAt, updatedAt,
                json.writeValueAsString(event))) {
            log.debug("Order {} of {}: update of {} is not newer than the stored one, ignored", orderId, shop, updatedAt);
            return;
        }
        publish(shop, event);
    }

    /** fulfillments/create, fulfillments/update: tracking for an order ({@code order_id}). */
    @Transactional
    public void applyFulfillmentWebhook(String shop, byte[] body) {
        JsonNode fulfillment = json.readTree(body);
        String orderId = ShopifyValues.id(fulfillment, "order_id");
        if (orderId == null) {
            throw new IllegalArgumentException("fulfillment webhook without order_id");
        }
        Instant updatedAt = applyFulfillment(shop, orderId, fulfillment);
        if (updatedAt == null) {
            return; // not newer
        }
        String stored = store.lockOrder(shop, orderId).orElse(null);
        if (stored == null) {
            log.debug("Fulfillment of order {} of {} arrived before its order; kept for it", orderId, shop);
            return;
        }
        OrderSynced previous = json.readValue(stored, OrderSynced.class);
        OrderSynced event = new OrderSynced(previous.source(), previous.shop(), previous.orderId(), previous.name(),
                previous.customerId(), previous.email(), previous.createdAt(),
                updatedAt.isAfter(previous.updatedAt()) ? updatedAt : previous.updatedAt(), previous.cancelledAt(),
                previous.financialStatus(), previous.fulfillmentStatus(), previous.totalPrice(), previous.lineItems(),
                fulfillments(shop, orderId), clock.instant());
        store.touch(shop, orderId, previous.updatedAt(), json.writeValueAsString(event));
        publish(shop, event);
    }

    /** @return the fulfillment's updated_at when it was applied, null when not newer than the stored one */
    private Instant applyFulfillment(String shop, String orderId, JsonNode f) {
        String id = ShopifyValues.id(f, "id");
        if (id == null) {
            return null;
        }
        Instant createdAt = ShopifyValues.instant(ShopifyValues.text(f, "created_at"));
        Instant updatedAt = orElse(ShopifyValues.instant(ShopifyValues.text(f, "updated_at")),
                orElse(createdAt, clock.instant()));
        String number = ShopifyValues.text(f, "tracking_number");
        if (number == null && f.path("tracking_numbers").isArray() && !f.path("tracking_numbers").isEmpty()) {
            number = f.path("tracking_numbers").path(0).asString(null);
        }
        String url = ShopifyValues.text(f, "tracking_url");
        if (url == null && f.path("tracking_urls").isArray() && !f.path("tracking_urls").isEmpty()) {
            url = f.path("tracking_urls").path(0).asString(null);
        }
        boolean applied = store.applyFulfillmentIfNewer(shop, id, orderId, ShopifyValues.status(ShopifyValues.text(f, "status")),
                ShopifyValues.cut(ShopifyValues.text(f, "tracking_company"), 255), ShopifyValues.cut(number, 255),
                ShopifyValues.cut(url, 2048), createdAt, updatedAt);
        return applied ? updatedAt : null;
    }

    private List<OrderFulfillment> fulfillments(String shop, String orderId) {
        List<OrderFulfillment> list = store.fulfillments(shop, orderId, OrderSynced.MAX_FULFILLMENTS).stream()
                .map(f -> new OrderFulfillment(f.status(), f.trackingCompany(), f.trackingNumber(), f.trackingUrl()))
                .toList();
        return list.isEmpty() ? null : list;
    }

    private void publish(String shop, OrderSynced event) {
        outbox.append(event.orderId(), new Actor("integration", shop), event);
        cache.evictShopifyCustomer(event.customerId(), event.email());
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Kept for the view: the total of an order as text, or null. */
    static String amount(Money money) {
        return money == null ? null : money.amount();
    }
}
