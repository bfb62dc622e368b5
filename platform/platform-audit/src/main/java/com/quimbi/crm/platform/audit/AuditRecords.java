package com.quimbi.crm.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import com.quimbi.crm.platform.audit.AuditChanges.Change;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the trail, newest first, a keyset page at a time. There is deliberately nothing here that writes. */
public class AuditRecords {

    /** The cursor's list name: the same in every service, so a cursor from one is valid at all of them. */
    public static final String LIST = "audit";

    private static final TypeReference<Map<String, Change>> CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> ROLES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public AuditRecords(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The records matching {@code query} after {@code cursor} (null: from the newest), at most {@code limit}. */
    public CursorPage<AuditRecord> page(AuditQuery query, String cursor, Integer limit) {
        Cursor.Keys after = Cursor.decode(cursor, LIST, 2);
        int size = Cursor.limit(limit);
        StringBuilder sql = new StringBuilder("""
                SELECT id, occurred_at, service, action, resource_type, resource_id, actor_subject, actor_name,
                       actor_roles::text AS actor_roles, client_ip, request_id, changes::text AS changes
                FROM audit_record WHERE true""");
        List<Object> args = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" AND (actor_subject = ? OR actor_name = ?)");
            args.add(query.actor());
            args.add(query.actor());
        }
        condition(sql, args, "action = ?", query.action());
        condition(sql, args, "resource_type = ?", query.resourceType());
        condition(sql, args, "resource_id = ?", query.resourceId());
        condition(sql, args, "occurred_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        condition(sql, args, "occurred_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (?, ?)");
            args.add(Timestamp.from(after.instant(0)));
            args.add(after.uuid(1));
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        args.add(size + 1);
        List<AuditRecord> rows = jdbc.query(sql.toString(), (rs, n) -> record(rs), args.toArray());
        return CursorPage.of(rows, size, AuditRecord::cursor);
    }

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }

    private AuditRecord record(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        var occurredAt = rs.getTimestamp("occurred_at").toInstant();
        AuditActor actor = new AuditActor(rs.getString("actor_subject"), rs.getString("actor_name"),
                json.readValue(rs.getString("actor_roles"), ROLES));
        return new AuditRecord(id, occurredAt, rs.getString("service"), rs.getString("action"),
                rs.getString("resource_type"), rs.getString("resource_id"), actor, rs.getString("client_ip"),
                rs.getString("request_id"), json.readValue(rs.getString("changes"), CHANGES),
                Cursor.encode(LIST, occurredAt, id));
    }
}
