package com.quimbi.crm.automation.apply.internal;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** macro_application rows: one per agent and Idempotency-Key, with the steps done so far and the final answer. */
@Repository
public class ApplicationStore {

    public record Row(UUID id, UUID macroId, UUID ticketId, Set<String> stepsDone, String result) {
    }

    private final JdbcTemplate jdbc;

    ApplicationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The row for this agent and key, created now if there was none. */
    public Row findOrCreate(UUID newId, String agentId, String key, UUID macroId, UUID ticketId, Instant now) {
        jdbc.update("INSERT INTO macro_application (id, agent_id, idempotency_key, macro_id, ticket_id, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agent_id, idempotency_key) DO NOTHING",
                newId, agentId, key, macroId, ticketId, Timestamp.from(now));
        return jdbc.queryForObject("SELECT id, macro_id, ticket_id, steps_done, result::text FROM macro_application "
                + "WHERE agent_id = ? AND idempotency_key = ?", (rs, i) -> {
                    Array steps = rs.getArray(4);
                    return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), Set.copyOf(List.of((String[]) steps.getArray())),
                            rs.getString(5));
                }, agentId, key);
    }

    /** Takes the lease on an unfinished application; false when another request holds it (or it is finished). */
    public boolean claim(UUID id, Instant now, Duration lease) {
        return jdbc.update("UPDATE macro_application SET claimed_at = ? WHERE id = ? AND completed_at IS NULL "
                + "AND (claimed_at IS NULL OR claimed_at < ?)",
                Timestamp.from(now), id, Timestamp.from(now.minus(lease))) == 1;
    }

    public void release(UUID id) {
        jdbc.update("UPDATE macro_application SET claimed_at = NULL WHERE id = ?", id);
    }

    public void stepDone(UUID id, String step) {
        jdbc.update("UPDATE macro_application SET steps_done = array_append(steps_done, ?) WHERE id = ?", step, id);
    }

    public void complete(UUID id, String resultJson, Instant at) {
        jdbc.update("UPDATE macro_application SET result = ?::jsonb, completed_at = ?, claimed_at = NULL WHERE id = ?",
                resultJson, Timestamp.from(at), id);
    }

    public Optional<String> result(UUID id) {
        return jdbc.queryForList("SELECT result::text FROM macro_application WHERE id = ? AND result IS NOT NULL",
                String.class, id).stream().findFirst();
    }
}
