package com.quimbi.crm.integration.webhook.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.integration.webhook.Receipt;
import com.quimbi.crm.platform.core.Ids;

@Repository
public class ReceiptStore {

    /** A receipt due for processing, with its raw body. */
    public record Due(UUID id, String shopDomain, String topic, byte[] body, int attempts) {
    }

    private final JdbcTemplate jdbc;

    ReceiptStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False when this shop + topic + event id is already stored (a retry or replay of the same event). */
    public boolean insert(String shop, String topic, String eventId, Instant triggeredAt, Instant now, byte[] body) {
        return jdbc.update("""
                INSERT INTO webhook_receipt (id, shop_domain, topic, event_id, triggered_at, received_at, body, status,
                                             next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)
                ON CONFLICT (shop_domain, topic, event_id) DO NOTHING""",
                Ids.newId(), shop, topic, eventId, ts(triggeredAt), ts(now), body, ts(now)) == 1;
    }

    /** The next due receipt, locked; other workers skip it (SKIP LOCKED). Call inside a transaction. */
    public Optional<Due> lockNextDue(Instant now) {
        return jdbc.query("""
                SELECT id, shop_domain, topic, body, attempts FROM webhook_receipt
                WHERE status = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new Due(rs.getObject("id", UUID.class), rs.getString("shop_domain"), rs.getString("topic"),
                        rs.getBytes("body"), rs.getInt("attempts")), ts(now)).stream().findFirst();
    }

    public void markDone(UUID id, Instant now) {
        jdbc.update("UPDATE webhook_receipt SET status = 'done', attempts = attempts + 1, processed_at = ?, last_error = NULL WHERE id = ?",
                ts(now), id);
    }

    /** A failed attempt: retried at {@code nextAttempt}, or dead-lettered ({@code failed}) when null. */
    public void markFailed(UUID id, String error, Instant nextAttempt) {
        String message = error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 1000));
        if (nextAttempt == null) {
            jdbc.update("UPDATE webhook_receipt SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                    message, id);
        } else {
            jdbc.update("UPDATE webhook_receipt SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    message, ts(nextAttempt), id);
        }
    }

    public int purgeOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM webhook_receipt WHERE received_at < ? AND status <> 'pending'", ts(cutoff));
    }

    public List<Receipt> list(String status, int limit) {
        return jdbc.query("""
                SELECT id, shop_domain, topic, event_id, triggered_at, received_at, status, attempts, next_attempt_at,
                       last_error, processed_at
                FROM webhook_receipt WHERE status = ? ORDER BY received_at DESC, id DESC LIMIT ?""",
                ReceiptStore::map, status, limit);
    }

    private static Receipt map(ResultSet rs, int row) throws SQLException {
        return new Receipt(rs.getObject("id", UUID.class), rs.getString("shop_domain"), rs.getString("topic"),
                rs.getString("event_id"), instant(rs, "triggered_at"), instant(rs, "received_at"), rs.getString("status"),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("last_error"),
                instant(rs, "processed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
