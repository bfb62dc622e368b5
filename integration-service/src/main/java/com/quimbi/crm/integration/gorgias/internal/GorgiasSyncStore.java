package com.quimbi.crm.integration.gorgias.internal;

import static com.quimbi.crm.integration.gorgias.internal.GorgiasStore.instant;
import static com.quimbi.crm.integration.gorgias.internal.GorgiasStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.integration.gorgias.GorgiasSyncJob;

/** Import jobs: one page per transaction, the cursor committed with the page. */
@Repository
public class GorgiasSyncStore {

    public record Running(UUID id, String accountDomain, String cursor, int failures) {
    }

    private final JdbcTemplate jdbc;

    GorgiasSyncStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void create(UUID id, String domain, Instant now) {
        jdbc.update("""
                INSERT INTO gorgias_sync_job (id, account_domain, state, next_run_at, created_at, updated_at)
                VALUES (?, ?, 'running', ?, ?, ?)""", id, domain, ts(now), ts(now), ts(now));
    }

    public Optional<Running> lockNextDue(Instant now) {
        return jdbc.query("""
                SELECT id, account_domain, cursor, failures FROM gorgias_sync_job
                WHERE state = 'running' AND next_run_at <= ? ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new Running(rs.getObject("id", UUID.class), rs.getString("account_domain"),
                        rs.getString("cursor"), rs.getInt("failures")), ts(now)).stream().findFirst();
    }

    public void pageDone(UUID id, String nextCursor, int seen, int tickets, int messages, int skipped, boolean finished,
            Instant nextRun, Instant now) {
        jdbc.update("""
                UPDATE gorgias_sync_job SET cursor = ?, pages = pages + 1, tickets_seen = tickets_seen + ?,
                    tickets_imported = tickets_imported + ?, messages_imported = messages_imported + ?,
                    skipped = skipped + ?, failures = 0, last_error = NULL, next_run_at = ?, updated_at = ?,
                    state = CASE WHEN ?::boolean THEN 'done' ELSE state END,
                    finished_at = CASE WHEN ?::boolean THEN ?::timestamptz ELSE NULL END
                WHERE id = ?""", nextCursor, seen, tickets, messages, skipped, ts(nextRun), ts(now), finished, finished,
                ts(now), id);
    }

    public void throttled(UUID id, Instant nextRun, Instant now) {
        jdbc.update("UPDATE gorgias_sync_job SET throttled = throttled + 1, next_run_at = ?, updated_at = ? WHERE id = ?",
                ts(nextRun), ts(now), id);
    }

    public void pageFailed(UUID id, String error, boolean giveUp, Instant nextRun, Instant now) {
        String message = error == null ? "unknown error" : error.substring(0, Math.min(1000, error.length()));
        jdbc.update("""
                UPDATE gorgias_sync_job SET failures = failures + 1, last_error = ?, next_run_at = ?, updated_at = ?,
                    state = CASE WHEN ?::boolean THEN 'failed' ELSE state END,
                    finished_at = CASE WHEN ?::boolean THEN ?::timestamptz ELSE NULL END
                WHERE id = ?""", message, ts(nextRun), ts(now), giveUp, giveUp, ts(now), id);
    }

    public Optional<GorgiasSyncJob> find(UUID id) {
        return jdbc.query("SELECT * FROM gorgias_sync_job WHERE id = ?", GorgiasSyncStore::map, id).stream().findFirst();
    }

    private static GorgiasSyncJob map(ResultSet rs, int row) throws SQLException {
        return new GorgiasSyncJob(rs.getObject("id", UUID.class), rs.getString("account_domain"), rs.getString("state"),
                rs.getInt("pages"), rs.getInt("tickets_seen"), rs.getInt("tickets_imported"),
                rs.getInt("messages_imported"), rs.getInt("skipped"), rs.getInt("throttled"), rs.getInt("failures"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "finished_at"));
    }
}
