package com.quimbi.crm.automation.eventrules.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.automation.eventrules.EventConditions;
import com.quimbi.crm.automation.eventrules.EventRule;
import com.quimbi.crm.automation.macro.MacroActions;

import tools.jackson.databind.json.JsonMapper;

/** event_rule and rule_set. */
@Repository
public class EventRuleStore {

    private static final String COLUMNS = "id, name, enabled, rule_set, position, triggers, conditions::text, "
            + "actions::text, auto_reply, max_firings, created_at, updated_at, version";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    EventRuleStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(EventRule r) {
        jdbc.update("INSERT INTO event_rule (id, name, enabled, rule_set, position, triggers, conditions, actions, "
                + "auto_reply, max_firings, created_at, updated_at, version) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, 0)", r.id(), r.name(), r.enabled(),
                r.ruleSet(), r.position(), r.triggers().toArray(String[]::new), json.writeValueAsString(r.conditions()),
                json.writeValueAsString(r.actions()), r.autoReply(), r.maxFirings(), Timestamp.from(r.createdAt()),
                Timestamp.from(r.updatedAt()));
    }

    public void update(EventRule r) {
        jdbc.update("UPDATE event_rule SET name = ?, enabled = ?, rule_set = ?, position = ?, triggers = ?, "
                + "conditions = ?::jsonb, actions = ?::jsonb, auto_reply = ?, max_firings = ?, updated_at = ?, "
                + "version = version + 1 WHERE id = ?", r.name(), r.enabled(), r.ruleSet(), r.position(),
                r.triggers().toArray(String[]::new), json.writeValueAsString(r.conditions()),
                json.writeValueAsString(r.actions()), r.autoReply(), r.maxFirings(), Timestamp.from(r.updatedAt()),
                r.id());
    }

    public void delete(UUID id) {
        jdbc.update("DELETE FROM event_rule WHERE id = ?", id);
    }

    public Optional<EventRule> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM event_rule WHERE id = ?", this::map, id).stream().findFirst();
    }

    public List<EventRule> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM event_rule ORDER BY rule_set, position, name, id", this::map);
    }

    public List<EventRule> enabled() {
        return jdbc.query("SELECT " + COLUMNS + " FROM event_rule WHERE enabled ORDER BY rule_set, position, name, id",
                this::map);
    }

    /** Each set's mode, by name. */
    public Map<String, String> modes() {
        Map<String, String> modes = new LinkedHashMap<>();
        jdbc.query("SELECT name, mode FROM rule_set ORDER BY name", rs -> {
            modes.put(rs.getString(1), rs.getString(2));
        });
        return modes;
    }

    public void putMode(String name, String mode, Instant at) {
        jdbc.update("INSERT INTO rule_set (name, mode, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) "
                + "DO UPDATE SET mode = EXCLUDED.mode, updated_at = EXCLUDED.updated_at", name, mode, Timestamp.from(at));
    }

    private EventRule map(ResultSet rs, int row) throws SQLException {
        return new EventRule(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getString(4),
                rs.getInt(5), List.of((String[]) rs.getArray(6).getArray()),
                json.readValue(rs.getString(7), EventConditions.class), json.readValue(rs.getString(8), MacroActions.class),
                rs.getString(9), rs.getInt(10), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(),
                rs.getLong(13));
    }
}
