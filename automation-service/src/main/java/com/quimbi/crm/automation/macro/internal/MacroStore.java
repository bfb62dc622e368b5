package com.quimbi.crm.automation.macro.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.automation.macro.Macro;
import com.quimbi.crm.automation.macro.MacroActions;

import tools.jackson.databind.json.JsonMapper;

@Repository
public class MacroStore {

    private static final String COLUMNS = "id, name, scope, owner_id, team, reply_text, reply_html, actions::text, "
            + "usage_count, last_used_at, created_at, updated_at, version";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    MacroStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Macro m) {
        jdbc.update("INSERT INTO macro (id, name, scope, owner_id, team, reply_text, reply_html, actions, usage_count, "
                + "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 0, ?, ?, 0)",
                m.id(), m.name(), m.scope(), m.ownerId(), m.team(), m.replyText(), m.replyHtml(),
                json.writeValueAsString(m.actions()), Timestamp.from(m.createdAt()), Timestamp.from(m.updatedAt()));
    }

    public void update(Macro m) {
        jdbc.update("UPDATE macro SET name = ?, scope = ?, team = ?, reply_text = ?, reply_html = ?, actions = ?::jsonb, "
                + "updated_at = ?, version = version + 1 WHERE id = ?",
                m.name(), m.scope(), m.team(), m.replyText(), m.replyHtml(), json.writeValueAsString(m.actions()),
                Timestamp.from(m.updatedAt()), m.id());
    }

    public boolean delete(UUID id) {
        return jdbc.update("DELETE FROM macro WHERE id = ?", id) > 0;
    }

    public Optional<Macro> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM macro WHERE id = ?", this::map, id).stream().findFirst();
    }

    /** The caller's personal macros, the team's ({@code team} may be null), the shared ones; all team macros for supervisors. */
    public List<Macro> visible(String agentId, String team, boolean allTeams) {
        return jdbc.query("SELECT " + COLUMNS + " FROM macro WHERE (scope = 'personal' AND owner_id = ?) "
                + "OR (scope = 'team' AND (? OR team = ?)) OR scope = 'shared' ORDER BY name, id",
                this::map, agentId, allTeams, team);
    }

    public void used(UUID id, Instant at) {
        jdbc.update("UPDATE macro SET usage_count = usage_count + 1, last_used_at = ? WHERE id = ?",
                Timestamp.from(at), id);
    }

    private Macro map(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp(10);
        return new Macro(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), json.readValue(rs.getString(8), MacroActions.class),
                rs.getLong(9), lastUsed == null ? null : lastUsed.toInstant(), rs.getTimestamp(11).toInstant(),
                rs.getTimestamp(12).toInstant(), rs.getLong(13));
    }
}
