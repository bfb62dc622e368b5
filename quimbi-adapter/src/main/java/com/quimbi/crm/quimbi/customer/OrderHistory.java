package com.quimbi.crm.quimbi.customer;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.contracts.integration.OrderFulfillment;
import com.quimbi.crm.contracts.integration.OrderSynced;
import com.quimbi.crm.quimbi.insight.LatestOrder;

/**
 * Table order_history, fed by integration.order_synced: the newest copy of each order (a copy older than the
 * stored one changes nothing). Customers are matched the way the adapter keys them: by the tickets' e-mail
 * address (their customer_key) and {@code email:<address>}; their customer_activity order figures are recomputed
 * from the table (cancelled orders left out), so a redelivery or an update never counts an order twice.
 */
@Repository
public class OrderHistory {

    private final JdbcTemplate jdbc;

    OrderHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the customer keys whose order figures changed (empty: the copy was not newer, or has no e-mail) */
    @Transactional
    public List<String> record(OrderSynced order) {
        String email = order.email() == null ? null : order.email().toLowerCase(Locale.ROOT);
        OrderFulfillment tracking = order.fulfillments() == null ? null : order.fulfillments().stream()
                .filter(f -> f.trackingNumber() != null).reduce((a, b) -> b).orElse(null);
        boolean applied = jdbc.update("""
                INSERT INTO order_history (shop, order_id, name, shopify_customer_id, customer_email, created_at, updated_at,
                    cancelled_at, financial_status, fulfillment_status, total_amount, currency, tracking_company,
                    tracking_number, tracking_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (shop, order_id) DO UPDATE SET name = EXCLUDED.name,
                    shopify_customer_id = EXCLUDED.shopify_customer_id, customer_email = EXCLUDED.customer_email,
                    created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, cancelled_at = EXCLUDED.cancelled_at,
                    financial_status = EXCLUDED.financial_status, fulfillment_status = EXCLUDED.fulfillment_status,
                    total_amount = EXCLUDED.total_amount, currency = EXCLUDED.currency,
                    tracking_company = EXCLUDED.tracking_company, tracking_number = EXCLUDED.tracking_number,
                    tracking_url = EXCLUDED.tracking_url
                WHERE order_history.updated_at <= EXCLUDED.updated_at""",
                order.shop(), order.orderId(), order.name(), order.customerId(), email,
                Timestamp.from(order.createdAt()), Timestamp.from(order.updatedAt()),
                order.cancelledAt() == null ? null : Timestamp.from(order.cancelledAt()), order.financialStatus(),
                order.fulfillmentStatus(), order.totalPrice() == null ? null : new BigDecimal(order.totalPrice().amount()),
                order.totalPrice() == null ? null : order.totalPrice().currency(),
                tracking == null ? null : tracking.trackingCompany(), tracking == null ? null : tracking.trackingNumber(),
                tracking == null ? null : tracking.trackingUrl()) == 1;
        if (!applied || email == null) {
            return List.of();
        }
        List<String> keys = new java.util.ArrayList<>(jdbc.queryForList(
                "SELECT DISTINCT customer_key FROM ticket_context WHERE lower(customer_email) = ?", String.class, email));
        if (!keys.contains("email:" + email)) {
            keys.add("email:" + email);
        }
        keys.forEach(key -> refreshActivity(key, email));
        return keys;
    }

    /** customer_activity's order figures for one customer key, from the orders of that e-mail address. */
    @Transactional
    public void refreshActivity(String customerKey, String email) {
        if (email == null) {
            return;
        }
        jdbc.update("""
                INSERT INTO customer_activity (customer_key, order_count, total_spent, first_order_at, last_order_at, first_seen_at)
                SELECT ?, count(*), COALESCE(sum(total_amount), 0), min(created_at), max(created_at), min(created_at)
                FROM order_history WHERE customer_email = ? AND cancelled_at IS NULL HAVING count(*) > 0
                ON CONFLICT (customer_key) DO UPDATE SET order_count = EXCLUDED.order_count,
                    total_spent = EXCLUDED.total_spent, first_order_at = EXCLUDED.first_order_at,
                    last_order_at = EXCLUDED.last_order_at""", customerKey, email.toLowerCase(Locale.ROOT));
    }

    /** The e-mail address's most recent order, for drafts. */
    @Transactional(readOnly = true)
    public Optional<LatestOrder> latest(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbc.query("""
                SELECT name, financial_status, fulfillment_status, tracking_company, tracking_number, tracking_url
                FROM order_history WHERE customer_email = ? ORDER BY created_at DESC LIMIT 1""",
                (rs, i) -> new LatestOrder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), email.toLowerCase(Locale.ROOT)).stream().findFirst();
    }

    /** The e-mail address's 5 latest orders in Quimbi's draft shape. */
    @Transactional(readOnly = true)
    public List<com.quimbi.crm.quimbi.client.QuimbiApi.DraftOrder> recentForQuimbi(String email) {
        if (email == null) {
            return List.of();
        }
        return jdbc.query("""
                SELECT name, COALESCE(fulfillment_status, financial_status, 'unknown'), total_amount, currency, created_at
                FROM order_history WHERE customer_email = ? ORDER BY created_at DESC LIMIT 5""",
                (rs, i) -> new com.quimbi.crm.quimbi.client.QuimbiApi.DraftOrder(rs.getString(1), rs.getString(2),
                        rs.getBigDecimal(3), rs.getString(4), rs.getTimestamp(5).toInstant()),
                email.toLowerCase(Locale.ROOT));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
