package com.quimbi.crm.integration.sync.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.integration.sync.SyncJob;

@Repository
public class SyncJobStore {

    /**
     * A running job's position: {@code mode} null until decided; cursor pages keep {@code cursor}; a bulk job its
     * operation, then the result's URL and the lines of it already applied.
     */
    public record Running(UUID id, String shop, String mode, String cursor, int failures, String bulkOperationId,
            String bulkUrl, long bulkLine) {
    }

    private final JdbcTemplate jdbc;

    SyncJobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param mode {@code pages}, {@code bulk}, or null (decided by the shop's customer count) */
    public void create(UUID id, String shop, String kind, String mode, Instant now) {
        jdbc.update("""
                INSERT INTO sync_job (id, shop_domain, kind, state, mode, next_run_at, created_at, updated_at)
                VALUES (?, ?, ?, 'running', ?, ?, ?, ?)""", id, shop, kind, mode, ts(now), ts(now), ts(now));
    }

    /** The next due running job, locked (SKIP LOCKED: one worker per job at a time). Inside a transaction. */
    public Optional<Running> lockNextDue(Instant now) {
        return jdbc.query("""
                SELECT id, shop_domain, mode, cursor, failures, bulk_operation_id, bulk_url, bulk_line FROM sync_job
                WHERE state = 'running' AND next_run_at <= ? ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new Running(rs.getObject("id", UUID.class), rs.getString("shop_domain"), rs.getString("mode"),
                        rs.getString("cursor"), rs.getInt("failures"), rs.getString("bulk_operation_id"),
                        rs.getString("bulk_url"), rs.getLong("bulk_line")), ts(now)).stream().findFirst();
    }

    /** The job reads the shop this way from now on ({@code pages} or {@code bulk}). */
    public void chooseMode(UUID id, String mode, Instant nextRun, Instant now) {
        jdbc.update("UPDATE sync_job SET mode = ?, failures = 0, next_run_at = ?, updated_at = ? WHERE id = ?", mode,
                ts(nextRun), ts(now), id);
    }

    /** A bulk step that moved the job on: the operation started, or completed with its result's URL. */
    public void bulkProgress(UUID id, String operationId, String url, Instant nextRun, Instant now) {
        jdbc.update("""
                UPDATE sync_job SET bulk_operation_id = ?, bulk_url = ?, failures = 0, last_error = NULL, next_run_at = ?,
                    updated_at = ? WHERE id = ?""", operationId, url, ts(nextRun), ts(now), id);
    }

    /** A bulk operation still running at Shopify: look again later (not a failure). */
    public void later(UUID id, Instant nextRun, Instant now) {
        jdbc.update("UPDATE sync_job SET next_run_at = ?, updated_at = ? WHERE id = ?", ts(nextRun), ts(now), id);
    }

    /** A chunk of the bulk result applied: its events, the counters and the line reached commit together. */
    public void chunkDone(UUID id, long lineReached, int seen, int synced, boolean finished, Instant nextRun, Instant now) {
        jdbc.update("""
                UPDATE sync_job SET bulk_line = ?, pages = pages + 1, seen = seen + ?, synced = synced + ?,
                    unchanged = unchanged + ?, failures = 0, last_error = NULL, next_run_at = ?, updated_at = ?,
                    state = CASE WHEN ?::boolean THEN 'done' ELSE state END,
                    finished_at = CASE WHEN ?::boolean THEN ?::timestamptz ELSE NULL END
                WHERE id = ?""", lineReached, seen, synced, seen - synced, ts(nextRun), ts(now), finished, finished,
                ts(now), id);
    }

    public void pageDone(UUID id, String cursor, int seen, int synced, boolean finished, Instant nextRun, Instant now) {
        jdbc.update("""
                UPDATE sync_job SET cursor = ?, pages = pages + 1, seen = seen + ?, synced = synced + ?,
                    unchanged = unchanged + ?, failures = 0, last_error = NULL, next_run_at = ?, updated_at = ?,
                    state = CASE WHEN ?::boolean THEN 'done' ELSE state END,
                    finished_at = CASE WHEN ?::boolean THEN ?::timestamptz ELSE NULL END
                WHERE id = ?""", cursor, seen, synced, seen - synced, ts(nextRun), ts(now), finished, finished, ts(now), id);
    }

    public void pageFailed(UUID id, String error, boolean giveUp, Instant nextRun, Instant now) {
        String message = error == null ? "unknown error" : error.substring(0, Math.min(1000, error.length()));
        jdbc.update("""
                UPDATE sync_job SET failures = failures + 1, last_error = ?, next_run_at = ?, updated_at = ?,
                    state = CASE WHEN ?::boolean THEN 'failed' ELSE state END,
                    finished_at = CASE WHEN ?::boolean THEN ?::timestamptz ELSE NULL END
                WHERE id = ?""", message, ts(nextRun), ts(now), giveUp, giveUp, ts(now), id);
    }

    public Optional<SyncJob> find(UUID id) {
        return jdbc.query("SELECT * FROM sync_job WHERE id = ?", SyncJobStore::map, id).stream().findFirst();
    }

    private static SyncJob map(ResultSet rs, int row) throws SQLException {
        return new SyncJob(rs.getObject("id", UUID.class), rs.getString("shop_domain"), rs.getString("kind"),
                rs.getString("state"), rs.getString("mode"), rs.getInt("pages"), rs.getInt("seen"), rs.getInt("synced"), rs.getInt("unchanged"),
                rs.getInt("failures"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
