package com.quimbi.crm.integration.gorgias.internal;

import static com.quimbi.crm.integration.gorgias.internal.GorgiasStore.ts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.platform.core.Ids;

/** Gorgias webhook receipts: stored before the 200, worked off after (SKIP LOCKED). */
@Repository
public class GorgiasReceiptStore {

    public record Due(UUID id, String accountDomain, String event, byte[] body, int attempts) {
    }

    private final JdbcTemplate jdbc;

    GorgiasReceiptStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the same delivery (account + event + body digest) is already stored. */
    public boolean insert(String domain, String event, String deliveryKey, byte[] body, Instant now) {
        return jdbc.update("""
                INSERT INTO gorgias_webhook_receipt (id, account_domain, event, delivery_key, received_at, body, status,
                                                     next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING""",
                Ids.newId(), domain, event, deliveryKey, ts(now), body, ts(now)) == 1;
    }

    public Optional<Due> lockNextDue(Instant now) {
        return jdbc.query("""
                SELECT id, account_domain, event, body, attempts FROM gorgias_webhook_receipt
                WHERE status = 'pending' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, received_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new Due(rs.getObject("id", UUID.class), rs.getString("account_domain"), rs.getString("event"),
                        rs.getBytes("body"), rs.getInt("attempts")), ts(now)).stream().findFirst();
    }

    public void markDone(UUID id, Instant now) {
        jdbc.update("""
                UPDATE gorgias_webhook_receipt SET status = 'done', attempts = attempts + 1, processed_at = ?,
                    last_error = NULL WHERE id = ?""", ts(now), id);
    }

    /** Not a failure (rate limit): the same receipt again at {@code next}. */
    public void later(UUID id, Instant next) {
        jdbc.update("UPDATE gorgias_webhook_receipt SET next_attempt_at = ? WHERE id = ?", ts(next), id);
    }

    public void markFailed(UUID id, String error, Instant nextAttempt) {
        String message = error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 1000));
        jdbc.update("""
                UPDATE gorgias_webhook_receipt SET attempts = attempts + 1, last_error = ?,
                    status = CASE WHEN ?::timestamptz IS NULL THEN 'failed' ELSE status END,
                    next_attempt_at = COALESCE(?::timestamptz, next_attempt_at) WHERE id = ?""",
                message, ts(nextAttempt), ts(nextAttempt), id);
    }

    public int purgeOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM gorgias_webhook_receipt WHERE received_at < ? AND status <> 'pending'", ts(cutoff));
    }
}
