package com.quimbi.crm.notification.rules.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.notification.rules.Destination;
import com.quimbi.crm.notification.rules.EventKind;
import com.quimbi.crm.notification.rules.NotificationRule;
import com.quimbi.crm.notification.rules.RuleFilters;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** notification_rule and its audit trail. */
@Repository
public class RuleStore {

    private static final String COLUMNS = "id, name, event_kind, enabled, filters, destinations, version, created_at, "
            + "updated_at, updated_by";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RuleStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<NotificationRule> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification_rule ORDER BY lower(name), id LIMIT 1000", this::row);
    }

    public List<NotificationRule> enabledFor(EventKind kind) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification_rule WHERE enabled AND event_kind = ? ORDER BY id",
                this::row, wire(kind));
    }

    public Optional<NotificationRule> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification_rule WHERE id = ?", this::row, id).stream().findFirst();
    }

    public boolean nameTaken(String name, UUID except) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM notification_rule WHERE lower(name) = lower(?) AND id <> ?",
                Integer.class, name, except);
        return n != null && n > 0;
    }

    public void insert(NotificationRule rule) {
        jdbc.update("""
                INSERT INTO notification_rule (id, name, event_kind, enabled, filters, destinations, version, created_at,
                    updated_at, updated_by) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""",
                rule.id(), rule.name(), wire(rule.eventKind()), rule.enabled(), json.writeValueAsString(rule.filters()),
                json.writeValueAsString(rule.destinations()), rule.version(), Timestamp.from(rule.createdAt()),
                Timestamp.from(rule.updatedAt()), rule.updatedBy());
    }

    public void update(NotificationRule rule) {
        jdbc.update("""
                UPDATE notification_rule SET name = ?, event_kind = ?, enabled = ?, filters = ?::jsonb, destinations = ?::jsonb,
                    version = ?, updated_at = ?, updated_by = ? WHERE id = ?""",
                rule.name(), wire(rule.eventKind()), rule.enabled(), json.writeValueAsString(rule.filters()),
                json.writeValueAsString(rule.destinations()), rule.version(), Timestamp.from(rule.updatedAt()),
                rule.updatedBy(), rule.id());
    }

    public void delete(UUID id) {
        jdbc.update("DELETE FROM notification_rule WHERE id = ?", id);
    }

    public void audit(UUID ruleId, String action, String actor, NotificationRule before, NotificationRule after) {
        jdbc.update("INSERT INTO notification_rule_audit (rule_id, action, actor, before, after) VALUES (?, ?, ?, ?::jsonb, ?::jsonb)",
                ruleId, action, actor, before == null ? null : json.writeValueAsString(before),
                after == null ? null : json.writeValueAsString(after));
    }

    /** The rule's changes, oldest first: {action, actor, at, before, after}. */
    public List<AuditEntry> auditTrail(UUID ruleId) {
        return jdbc.query("SELECT action, actor, at, before::text, after::text FROM notification_rule_audit WHERE rule_id = ? ORDER BY id",
                (rs, i) -> new AuditEntry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4) == null ? null : json.readTree(rs.getString(4)),
                        rs.getString(5) == null ? null : json.readTree(rs.getString(5))), ruleId);
    }

    public record AuditEntry(String action, String actor, Instant at, Object before, Object after) {
    }

    private NotificationRule row(ResultSet rs, int i) throws SQLException {
        return new NotificationRule(rs.getObject("id", UUID.class), rs.getString("name"),
                EventKind.valueOf(rs.getString("event_kind").toUpperCase(java.util.Locale.ROOT)), rs.getBoolean("enabled"),
                json.readValue(rs.getString("filters"), RuleFilters.class),
                json.readValue(rs.getString("destinations"), new TypeReference<List<Destination>>() {
                }), rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
