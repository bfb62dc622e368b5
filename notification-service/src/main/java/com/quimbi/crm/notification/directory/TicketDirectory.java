package com.quimbi.crm.notification.directory;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read model of tickets this service needs (crm.ticket.events, crm.assignment.events): number, subject,
 * status, priority and who holds it. Rows are upserts keyed by ticket id, so events of different topics may
 * arrive in any order; each write sets only what its event knows.
 */
@Component
public class TicketDirectory {

    private final JdbcTemplate jdbc;

    TicketDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record TicketView(UUID ticketId, String number, String subject, String status, String priority,
            String assigneeId) {
    }

    /**
     * Upserts the ticket and returns the row as it is now. The upsert locks the row, so of two concurrent
     * transactions (ticket.created and assignment.assigned, on different consumers or instances) the second sees
     * what the first committed: exactly one of them finds both the number and the holder.
     */
    public TicketView opened(UUID ticketId, String number, String subject, String status, String priority) {
        return jdbc.queryForObject("""
                INSERT INTO ticket_view (ticket_id, number, subject, status, priority) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id) DO UPDATE SET number = EXCLUDED.number, subject = EXCLUDED.subject,
                    status = EXCLUDED.status, priority = EXCLUDED.priority, updated_at = now()
                RETURNING ticket_id, number, subject, status, priority, assignee_id""", ROW,
                ticketId, number, subject, status, priority);
    }

    private static final org.springframework.jdbc.core.RowMapper<TicketView> ROW = (rs, i) -> new TicketView(
            rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));

    /** Upserts one column and returns the row as it is now (locked like {@link #opened}). */
    public TicketView set(UUID ticketId, String column, String value) {
        String sql = switch (column) {
            case "number" -> "number";
            case "subject" -> "subject";
            case "status" -> "status";
            case "priority" -> "priority";
            case "assignee_id" -> "assignee_id";
            default -> throw new IllegalArgumentException(column);
        };
        return jdbc.queryForObject("INSERT INTO ticket_view (ticket_id, " + sql + ") VALUES (?, ?) ON CONFLICT (ticket_id) "
                + "DO UPDATE SET " + sql + " = EXCLUDED." + sql + ", updated_at = now() "
                + "RETURNING ticket_id, number, subject, status, priority, assignee_id", ROW, ticketId, value);
    }

    public Optional<TicketView> find(UUID ticketId) {
        return jdbc.query("SELECT ticket_id, number, subject, status, priority, assignee_id FROM ticket_view WHERE ticket_id = ?",
                ROW, ticketId).stream().findFirst();
    }

    public void forget(UUID ticketId) {
        jdbc.update("DELETE FROM ticket_view WHERE ticket_id = ?", ticketId);
    }
}
