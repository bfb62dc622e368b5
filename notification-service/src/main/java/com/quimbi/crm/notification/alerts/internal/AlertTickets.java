package com.quimbi.crm.notification.alerts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The alert consumer's read models: tickets (alert_ticket) and customers (alert_customer). Upserts, any order. */
@Repository
public class AlertTickets {

    private static final String COLUMNS = "ticket_id, number, subject, priority, channel, status, customer_id, "
            + "customer_email, assignee_id, tier, churn_risk, sla_deadline, vip_alerted";
    private static final RowMapper<TicketFacts> ROW = (rs, i) -> new TicketFacts(rs.getObject(1, UUID.class),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
            rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(), rs.getBoolean(13));

    private final JdbcTemplate jdbc;

    AlertTickets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record TicketFacts(UUID ticketId, String number, String subject, String priority, String channel,
            String status, UUID customerId, String customerEmail, String assigneeId, String tier, String churnRisk,
            Instant slaDeadline, boolean vipAlerted) {
    }

    public record CustomerFacts(UUID customerId, String name, String email, String tier) {
    }

    public TicketFacts opened(UUID ticketId, String number, String subject, String priority, String channel, String status,
            UUID customerId, String customerEmail, Instant createdAt) {
        return jdbc.queryForObject("""
                INSERT INTO alert_ticket (ticket_id, number, subject, priority, channel, status, customer_id, customer_email,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id) DO UPDATE SET number = EXCLUDED.number, subject = EXCLUDED.subject,
                    priority = EXCLUDED.priority, channel = EXCLUDED.channel,
                    status = EXCLUDED.status,
                    customer_id = EXCLUDED.customer_id, customer_email = EXCLUDED.customer_email,
                    created_at = EXCLUDED.created_at, updated_at = now()
                RETURNING\s""" + COLUMNS, ROW, ticketId, number, subject, priority, channel, status, customerId, customerEmail,
                createdAt == null ? null : Timestamp.from(createdAt));
    }

    /**
     * How an SLA clock ended, for the team summaries: {@code breached} (sla.breached) or {@code met} (sla.met on time).
     * One row per event (a redelivery changes nothing).
     */
    public void slaOutcome(UUID eventId, UUID ticketId, String metric, String outcome, Instant at) {
        jdbc.update("INSERT INTO alert_sla_outcome (event_id, ticket_id, metric, outcome, at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", eventId, ticketId, metric, outcome, Timestamp.from(at));
    }

    /** Upserts one column and returns the row as it is now. */
    public TicketFacts set(UUID ticketId, String column, Object value) {
        String sql = switch (column) {
            case "subject", "priority", "status", "assignee_id", "tier", "churn_risk", "sla_deadline", "vip_alerted",
                    "category" -> column;
            default -> throw new IllegalArgumentException(column);
        };
        Object bound = value instanceof Instant instant ? Timestamp.from(instant) : value;
        return jdbc.queryForObject("INSERT INTO alert_ticket (ticket_id, " + sql + ") VALUES (?, ?) ON CONFLICT (ticket_id) "
                + "DO UPDATE SET " + sql + " = EXCLUDED." + sql + ", updated_at = now() RETURNING " + COLUMNS, ROW, ticketId, bound);
    }

    /** Marks the ticket's VIP alert as sent; false when it was already. */
    public boolean claimVipAlert(UUID ticketId) {
        return jdbc.update("UPDATE alert_ticket SET vip_alerted = true WHERE ticket_id = ? AND NOT vip_alerted", ticketId) == 1;
    }

    public Optional<TicketFacts> find(UUID ticketId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM alert_ticket WHERE ticket_id = ?", ROW, ticketId).stream().findFirst();
    }

    public void forget(UUID ticketId) {
        jdbc.update("DELETE FROM alert_ticket WHERE ticket_id = ?", ticketId);
    }

    public void customer(UUID customerId, String name, String email, String tier) {
        jdbc.update("""
                INSERT INTO alert_customer (customer_id, name, email, tier) VALUES (?, ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, tier = EXCLUDED.tier,
                    updated_at = now()""", customerId, name, email, tier);
    }

    /** Sets one customer column (name, email, tier) when the customer is known. */
    public void customerChanged(UUID customerId, String column, String value) {
        String sql = switch (column) {
            case "name", "email", "tier" -> column;
            default -> throw new IllegalArgumentException(column);
        };
        jdbc.update("UPDATE alert_customer SET " + sql + " = ?, updated_at = now() WHERE customer_id = ?", value, customerId);
    }

    public Optional<CustomerFacts> customer(UUID customerId) {
        if (customerId == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT customer_id, name, email, tier FROM alert_customer WHERE customer_id = ?",
                (rs, i) -> new CustomerFacts(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)),
                customerId).stream().findFirst();
    }
}
