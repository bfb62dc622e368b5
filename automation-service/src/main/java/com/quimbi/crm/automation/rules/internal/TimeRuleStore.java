package com.quimbi.crm.automation.rules.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.automation.macro.MacroActions;
import com.quimbi.crm.automation.rules.TimeRule;

import tools.jackson.databind.json.JsonMapper;

@Repository
public class TimeRuleStore {

    private static final String COLUMNS = "id, name, enabled, statuses, priorities, tags, after_minutes, actions::text, "
            + "max_firings, created_at, updated_at, version, business_time";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    TimeRuleStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(TimeRule r) {
        jdbc.update("INSERT INTO time_rule (id, name, enabled, statuses, priorities, tags, after_minutes, actions, "
                + "max_firings, created_at, updated_at, version, business_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, 0, ?)",
                r.id(), r.name(), r.enabled(), r.statuses().toArray(String[]::new),
                r.priorities().toArray(String[]::new), r.tags().toArray(String[]::new), r.afterMinutes(),
                json.writeValueAsString(r.actions()), r.maxFirings(), Timestamp.from(r.createdAt()),
                Timestamp.from(r.updatedAt()), r.businessTime());
    }

    public void update(TimeRule r) {
        jdbc.update("UPDATE time_rule SET name = ?, enabled = ?, statuses = ?, priorities = ?, tags = ?, "
                + "after_minutes = ?, actions = ?::jsonb, max_firings = ?, updated_at = ?, version = version + 1, business_time = ? WHERE id = ?",
                r.name(), r.enabled(), r.statuses().toArray(String[]::new), r.priorities().toArray(String[]::new),
                r.tags().toArray(String[]::new), r.afterMinutes(), json.writeValueAsString(r.actions()),
                r.maxFirings(), Timestamp.from(r.updatedAt()), r.businessTime(), r.id());
    }

    public boolean delete(UUID id) {
        return jdbc.update("DELETE FROM time_rule WHERE id = ?", id) > 0;
    }

    public Optional<TimeRule> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM time_rule WHERE id = ?", this::map, id).stream().findFirst();
    }

    public List<TimeRule> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM time_rule ORDER BY name, id", this::map);
    }

    public List<TimeRule> enabled() {
        return jdbc.query("SELECT " + COLUMNS + " FROM time_rule WHERE enabled ORDER BY id", this::map);
    }

    private TimeRule map(ResultSet rs, int row) throws SQLException {
        return new TimeRule(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), strings(rs.getArray(4)),
                strings(rs.getArray(5)), strings(rs.getArray(6)), rs.getInt(7), rs.getBoolean(13),
                json.readValue(rs.getString(8), MacroActions.class), rs.getInt(9), rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11).toInstant(), rs.getLong(12));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
