package com.quimbi.crm.sla.policy.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.sla.policy.Metric;
import com.quimbi.crm.sla.policy.SlaPolicy;

import tools.jackson.databind.json.JsonMapper;

/** Policies and their targets in Postgres. */
@Repository
public class PolicyStore {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    PolicyStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every policy in evaluation order, with its targets. */
    public List<SlaPolicy> all() {
        return load("SELECT * FROM sla_policy ORDER BY position, id", new Object[0]);
    }

    public Optional<SlaPolicy> find(UUID id) {
        return load("SELECT * FROM sla_policy WHERE id = ?", new Object[] { id }).stream().findFirst();
    }

    public int nextPosition() {
        Integer max = jdbc.queryForObject("SELECT max(position) FROM sla_policy", Integer.class);
        return max == null ? 10 : max + 10;
    }

    public void insert(SlaPolicy p) {
        jdbc.update("""
                INSERT INTO sla_policy (id, name, position, enabled, conditions, warning_thresholds, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::integer[], ?, ?)""", p.id(), p.name(), p.position(), p.enabled(),
                json.writeValueAsString(p.conditions()), thresholds(p), Timestamp.from(p.createdAt()),
                Timestamp.from(p.updatedAt()));
        insertTargets(p);
    }

    public void update(SlaPolicy p) {
        jdbc.update("""
                UPDATE sla_policy SET name = ?, position = ?, enabled = ?, conditions = ?::jsonb, warning_thresholds = ?::integer[],
                  updated_at = ? WHERE id = ?""", p.name(), p.position(), p.enabled(), json.writeValueAsString(p.conditions()),
                thresholds(p), Timestamp.from(p.updatedAt()), p.id());
        jdbc.update("DELETE FROM sla_policy_target WHERE policy_id = ?", p.id());
        insertTargets(p);
    }

    public boolean delete(UUID id) {
        return jdbc.update("DELETE FROM sla_policy WHERE id = ?", id) == 1;
    }

    private static String thresholds(SlaPolicy p) {
        return "{" + String.join(",", p.warningThresholds().stream().map(String::valueOf).toList()) + "}";
    }

    private void insertTargets(SlaPolicy p) {
        for (SlaPolicy.Target t : p.targets()) {
            jdbc.update("""
                    INSERT INTO sla_policy_target (policy_id, metric, target_seconds, business_hours, calendar_id)
                    VALUES (?, ?, ?, ?, ?)""", p.id(), t.metric().toString(), t.target().toSeconds(), t.businessHours(),
                    t.calendarId());
        }
    }

    private List<SlaPolicy> load(String sql, Object[] args) {
        Map<UUID, List<SlaPolicy.Target>> targets = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM sla_policy_target ORDER BY metric", rs -> {
            targets.computeIfAbsent(rs.getObject("policy_id", UUID.class), k -> new ArrayList<>()).add(new SlaPolicy.Target(
                    Metric.fromWire(rs.getString("metric")), Duration.ofSeconds(rs.getLong("target_seconds")),
                    rs.getBoolean("business_hours"), rs.getObject("calendar_id", UUID.class)));
        });
        return jdbc.query(sql, (rs, n) -> row(rs, targets), args);
    }

    private SlaPolicy row(ResultSet rs, Map<UUID, List<SlaPolicy.Target>> targets) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Array thresholds = rs.getArray("warning_thresholds");
        List<Integer> warn = Arrays.stream((Integer[]) thresholds.getArray()).toList();
        SlaPolicy.Conditions conditions = json.readValue(rs.getString("conditions"), SlaPolicy.Conditions.class);
        return new SlaPolicy(id, rs.getString("name"), rs.getInt("position"), rs.getBoolean("enabled"),
                normalized(conditions), List.copyOf(targets.getOrDefault(id, List.of())), warn,
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static SlaPolicy.Conditions normalized(SlaPolicy.Conditions c) {
        return new SlaPolicy.Conditions(orEmpty(c.priorities()), orEmpty(c.channels()), orEmpty(c.customerTiers()),
                orEmpty(c.categories()), orEmpty(c.tags()));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
