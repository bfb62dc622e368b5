package com.quimbi.crm.integration.order.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Last copies of orders, their fulfillments and the last fetched answer per Shopify customer. */
@Repository
public class OrderStore {

    private final JdbcTemplate jdbc;

    OrderStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record StoredFulfillment(String status, String trackingCompany, String trackingNumber, String trackingUrl,
            Instant createdAt) {
    }

    /** Stores the order when {@code updatedAt} is newer than the stored copy (or the first); false = change nothing. */
    public boolean applyIfNewer(String shop, String orderId, String customerId, String email, Instant createdAt,
            Instant updatedAt, String dataJson) {
        return jdbc.update("""
                INSERT INTO shopify_order (shop_domain, order_id, customer_id, email, created_at, updated_at, data)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (shop_domain, order_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,
                    email = EXCLUDED.email, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                    data = EXCLUDED.data
                WHERE shopify_order.updated_at < EXCLUDED.updated_at""",
                shop, orderId, customerId, email, Timestamp.from(createdAt), Timestamp.from(updatedAt), dataJson) == 1;
    }

    /** The stored order's data (jsonb text), locked for the rest of the transaction. */
    public Optional<String> lockOrder(String shop, String orderId) {
        return jdbc.queryForList("SELECT data::text FROM shopify_order WHERE shop_domain = ? AND order_id = ? FOR UPDATE",
                String.class, shop, orderId).stream().findFirst();
    }

    public void touch(String shop, String orderId, Instant updatedAt, String dataJson) {
        jdbc.update("""
                UPDATE shopify_order SET updated_at = GREATEST(updated_at, ?), data = ?::jsonb
                WHERE shop_domain = ? AND order_id = ?""", Timestamp.from(updatedAt), dataJson, shop, orderId);
    }

    /** A fulfillment when newer than the stored one (or the first); false = change nothing. */
    public boolean applyFulfillmentIfNewer(String shop, String fulfillmentId, String orderId, String status,
            String company, String number, String url, Instant createdAt, Instant updatedAt) {
        return jdbc.update("""
                INSERT INTO shopify_fulfillment (shop_domain, fulfillment_id, order_id, status, tracking_company,
                    tracking_number, tracking_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (shop_domain, fulfillment_id) DO UPDATE SET status = EXCLUDED.status,
                    tracking_company = EXCLUDED.tracking_company, tracking_number = EXCLUDED.tracking_number,
                    tracking_url = EXCLUDED.tracking_url, updated_at = EXCLUDED.updated_at
                WHERE shopify_fulfillment.updated_at < EXCLUDED.updated_at""",
                shop, fulfillmentId, orderId, status, company, number, url,
                createdAt == null ? null : Timestamp.from(createdAt), Timestamp.from(updatedAt)) == 1;
    }

    public List<StoredFulfillment> fulfillments(String shop, String orderId, int limit) {
        return jdbc.query("""
                SELECT status, tracking_company, tracking_number, tracking_url, created_at FROM shopify_fulfillment
                WHERE shop_domain = ? AND order_id = ? ORDER BY created_at NULLS LAST, fulfillment_id LIMIT ?""",
                (rs, i) -> new StoredFulfillment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()), shop, orderId, limit);
    }

    /** The webhook-fed copies of a customer's orders (data jsonb text), newest first. */
    public List<String> ordersOfCustomer(String shop, String customerId, int limit) {
        return jdbc.queryForList("""
                SELECT data::text FROM shopify_order WHERE shop_domain = ? AND customer_id = ?
                ORDER BY created_at DESC LIMIT ?""", String.class, shop, customerId, limit);
    }

    public void saveSnapshot(String shop, String customerId, String ordersJson, Instant fetchedAt) {
        jdbc.update("""
                INSERT INTO customer_orders_snapshot (shop_domain, customer_id, orders, fetched_at) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (shop_domain, customer_id) DO UPDATE SET orders = EXCLUDED.orders, fetched_at = EXCLUDED.fetched_at""",
                shop, customerId, ordersJson, Timestamp.from(fetchedAt));
    }

    public record Snapshot(String ordersJson, Instant fetchedAt) {
    }

    public Optional<Snapshot> snapshot(String shop, String customerId) {
        return jdbc.query("SELECT orders::text, fetched_at FROM customer_orders_snapshot WHERE shop_domain = ? AND customer_id = ?",
                (rs, i) -> new Snapshot(rs.getString(1), rs.getTimestamp(2).toInstant()), shop, customerId)
                .stream().findFirst();
    }
}
