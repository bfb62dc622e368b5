package com.quimbi.crm.quimbi.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The adapter's read model of tickets (table ticket_context), fed by crm.ticket.events. */
@Repository
public class TicketContexts {

    private final JdbcTemplate jdbc;

    TicketContexts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent by design: a ticket already known keeps its row. @return true if the ticket was new */
    @Transactional
    public boolean recordCreated(UUID ticketId, String number, String subject, String description, String channel,
            String priority, String customerKey, String customerEmail, Instant createdAt) {
        return jdbc.update("""
                INSERT INTO ticket_context (ticket_id, number, subject, description, channel, priority, customer_key,
                    customer_email, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING""",
                ticketId, number, subject, description, channel, priority, customerKey, customerEmail,
                Timestamp.from(createdAt), Timestamp.from(createdAt)) == 1;
    }

    @Transactional
    public void recordCustomerMessage(UUID ticketId, String body, Instant at) {
        jdbc.update("""
                UPDATE ticket_context SET customer_message_count = customer_message_count + 1,
                    last_customer_message = ?, updated_at = ? WHERE ticket_id = ?""",
                body, Timestamp.from(at), ticketId);
        jdbc.update("INSERT INTO ticket_message (ticket_id, body, written_at) VALUES (?, ?, ?)", ticketId, body,
                Timestamp.from(at));
    }

    /**
     * customer.redacted: the customer's tickets (by customer id, or by the former address's SHA-256 for tickets keyed
     * by address) keep no subject, text, message or address; they no longer count for anyone. @return their ids
     */
    @Transactional
    public List<UUID> eraseCustomer(String customerKey, String emailSha256) {
        List<UUID> tickets = jdbc.query("""
                SELECT ticket_id FROM ticket_context WHERE customer_key = ? OR (customer_email IS NOT NULL
                   AND encode(sha256(convert_to(lower(customer_email), 'UTF8')), 'hex') = ?)""",
                (rs, n) -> rs.getObject(1, UUID.class), customerKey, emailSha256 == null ? "" : emailSha256);
        if (!tickets.isEmpty()) {
            UUID[] ids = tickets.toArray(UUID[]::new);
            jdbc.update("DELETE FROM ticket_message WHERE ticket_id = ANY(?)", (Object) ids);
            jdbc.update("""
                    UPDATE ticket_context SET subject = '', description = NULL, last_customer_message = NULL,
                        customer_email = NULL, customer_key = 'redacted:' || ticket_id WHERE ticket_id = ANY(?)""",
                    (Object) ids);
        }
        return tickets;
    }

    /** The customer's latest messages on the ticket, oldest first (at most {@code limit}). */
    @Transactional(readOnly = true)
    public List<String> customerMessages(UUID ticketId, int limit) {
        List<String> latestFirst = jdbc.queryForList("""
                SELECT body FROM ticket_message WHERE ticket_id = ? ORDER BY written_at DESC, id DESC LIMIT ?""",
                String.class, ticketId, limit);
        return latestFirst.reversed();
    }

    @Transactional
    public void recordInsight(UUID ticketId, String category, String sentiment) {
        jdbc.update("UPDATE ticket_context SET category = ?, sentiment = ? WHERE ticket_id = ?", category, sentiment,
                ticketId);
    }

    @Transactional(readOnly = true)
    public Optional<TicketContext> find(UUID ticketId) {
        List<TicketContext> found = jdbc.query("SELECT * FROM ticket_context WHERE ticket_id = ?", TicketContexts::map,
                ticketId);
        return found.stream().findFirst();
    }

    /** Tickets of one customer since a moment, with their sentiment: the ticket half of the churn signals. */
    @Transactional(readOnly = true)
    public List<TicketContext> ofCustomer(String customerKey) {
        return jdbc.query("SELECT * FROM ticket_context WHERE customer_key = ? ORDER BY created_at DESC LIMIT 500",
                TicketContexts::map, customerKey);
    }

    private static TicketContext map(ResultSet rs, int row) throws SQLException {
        return new TicketContext(rs.getObject("ticket_id", UUID.class), rs.getString("number"),
                rs.getString("subject"), rs.getString("description"), rs.getString("channel"),
                rs.getString("priority"), rs.getString("customer_key"), rs.getString("customer_email"),
                rs.getString("category"), rs.getString("sentiment"), rs.getInt("customer_message_count"),
                rs.getString("last_customer_message"), rs.getTimestamp("created_at").toInstant());
    }
}
