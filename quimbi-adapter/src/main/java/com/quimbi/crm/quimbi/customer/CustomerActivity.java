package com.quimbi.crm.quimbi.customer;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.quimbi.insight.CustomerHistory;
import com.quimbi.crm.quimbi.ticket.TicketContext;
import com.quimbi.crm.quimbi.ticket.TicketContexts;

/** Per-customer signals (table customer_activity + the customer's tickets) for the fallback heuristics. */
@Repository
public class CustomerActivity {

    private final JdbcTemplate jdbc;
    private final TicketContexts tickets;
    private final Clock clock;

    CustomerActivity(JdbcTemplate jdbc, TicketContexts tickets, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.clock = clock;
    }

    @Transactional
    public void seen(String customerKey, String channel, Instant at) {
        jdbc.update("""
                INSERT INTO customer_activity (customer_key, first_seen_at, last_channel) VALUES (?, ?, ?)
                ON CONFLICT (customer_key) DO UPDATE SET last_channel = excluded.last_channel""",
                customerKey, Timestamp.from(at), channel);
    }

    /** An order reported by an integration (Shopify); summed, so callers deduplicate by event id (inbox). */
    @Transactional
    public void orderPlaced(String customerKey, BigDecimal total, Instant placedAt) {
        jdbc.update("""
                INSERT INTO customer_activity (customer_key, order_count, total_spent, first_order_at, last_order_at,
                    first_seen_at) VALUES (?, 1, ?, ?, ?, ?)
                ON CONFLICT (customer_key) DO UPDATE SET order_count = customer_activity.order_count + 1,
                    total_spent = customer_activity.total_spent + excluded.total_spent,
                    first_order_at = LEAST(customer_activity.first_order_at, excluded.first_order_at),
                    last_order_at = GREATEST(customer_activity.last_order_at, excluded.last_order_at)""",
                customerKey, total, Timestamp.from(placedAt), Timestamp.from(placedAt), Timestamp.from(placedAt));
    }

    /** customer.redacted: the customer's activity (keyed by id, or by the former address) is deleted. */
    @Transactional
    public void erase(String customerKey, String emailSha256) {
        jdbc.update("""
                DELETE FROM customer_activity WHERE customer_key = ? OR (customer_key LIKE 'email:%'
                   AND encode(sha256(convert_to(lower(substring(customer_key FROM 7)), 'UTF8')), 'hex') = ?)""",
                customerKey, emailSha256 == null ? "" : emailSha256);
    }

    @Transactional(readOnly = true)
    public CustomerHistory history(String customerKey) {
        Instant now = Instant.now(clock);
        Instant since = now.minus(Duration.ofDays(90));
        List<TicketContext> all = tickets.ofCustomer(customerKey);
        int last90 = (int) all.stream().filter(t -> t.createdAt().isAfter(since)).count();
        int negative90 = (int) all.stream()
                .filter(t -> t.createdAt().isAfter(since) && "negative".equals(t.sentiment())).count();
        Instant lastTicket = all.isEmpty() ? null : all.getFirst().createdAt();
        List<CustomerHistory> rows = jdbc.query("SELECT * FROM customer_activity WHERE customer_key = ?",
                (rs, i) -> new CustomerHistory(customerKey, rs.getInt("order_count"), rs.getBigDecimal("total_spent"),
                        instant(rs.getTimestamp("first_order_at")), instant(rs.getTimestamp("last_order_at")),
                        all.size(), last90, negative90, instant(rs.getTimestamp("first_seen_at")), lastTicket,
                        rs.getString("last_channel")), customerKey);
        if (rows.isEmpty()) {
            return new CustomerHistory(customerKey, 0, BigDecimal.ZERO, null, null, all.size(), last90, negative90,
                    null, lastTicket, null);
        }
        return rows.getFirst();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
