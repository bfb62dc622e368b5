package com.quimbi.crm.integration.gorgias.internal;

import static com.quimbi.crm.integration.gorgias.internal.GorgiasStore.instant;
import static com.quimbi.crm.integration.gorgias.internal.GorgiasStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.integration.gorgias.GorgiasPush;
import com.quimbi.crm.platform.core.Ids;

/** The queue of pushes to Gorgias. A message is queued once (unique crm_message_id), a ticket once. */
@Repository
public class GorgiasPushStore {

    public record Due(UUID id, String kind, UUID crmTicketId, UUID crmMessageId, String payload, int attempts) {
    }

    private final JdbcTemplate jdbc;

    GorgiasPushStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean enqueue(String kind, UUID crmTicketId, UUID crmMessageId, String payload, Instant now) {
        return jdbc.update("""
                INSERT INTO gorgias_push (id, kind, crm_ticket_id, crm_message_id, payload, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING""",
                Ids.newId(), kind, crmTicketId, crmMessageId, payload, ts(now), ts(now)) == 1;
    }

    /**
     * The next due push whose ticket has no older unfinished push (pushes of one ticket go in order: the ticket
     * before its messages), locked (SKIP LOCKED).
     */
    public Optional<Due> lockNextDue(Instant now) {
        return jdbc.query("""
                SELECT p.id, p.kind, p.crm_ticket_id, p.crm_message_id, p.payload, p.attempts FROM gorgias_push p
                WHERE p.status = 'pending' AND p.next_attempt_at <= ?
                  AND NOT EXISTS (SELECT 1 FROM gorgias_push o WHERE o.crm_ticket_id = p.crm_ticket_id
                                  AND o.status = 'pending' AND o.created_at < p.created_at)
                ORDER BY p.created_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new Due(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getObject("crm_ticket_id", UUID.class), rs.getObject("crm_message_id", UUID.class),
                        rs.getString("payload"), rs.getInt("attempts")), ts(now)).stream().findFirst();
    }

    public void markDone(UUID id, Instant now) {
        jdbc.update("UPDATE gorgias_push SET status = 'done', attempts = attempts + 1, done_at = ?, last_error = NULL WHERE id = ?",
                ts(now), id);
    }

    public void later(UUID id, Instant next) {
        jdbc.update("UPDATE gorgias_push SET next_attempt_at = ? WHERE id = ?", ts(next), id);
    }

    public void markFailed(UUID id, String error, Instant nextAttempt) {
        String message = error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 1000));
        jdbc.update("""
                UPDATE gorgias_push SET attempts = attempts + 1, last_error = ?,
                    status = CASE WHEN ?::timestamptz IS NULL THEN 'failed' ELSE status END,
                    next_attempt_at = COALESCE(?::timestamptz, next_attempt_at) WHERE id = ?""",
                message, ts(nextAttempt), ts(nextAttempt), id);
    }

    public List<GorgiasPush> list(String status, int limit) {
        return jdbc.query("SELECT * FROM gorgias_push WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                GorgiasPushStore::map, status, limit);
    }

    private static GorgiasPush map(ResultSet rs, int row) throws SQLException {
        return new GorgiasPush(rs.getObject("id", UUID.class), rs.getString("kind"),
                rs.getObject("crm_ticket_id", UUID.class), rs.getObject("crm_message_id", UUID.class),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "created_at"),
                instant(rs, "next_attempt_at"), instant(rs, "done_at"));
    }
}
