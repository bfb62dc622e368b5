package com.quimbi.crm.ticket.activity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.platform.core.Ids;
import com.quimbi.crm.platform.event.Actor;
import com.quimbi.crm.platform.pagination.Cursor;
import com.quimbi.crm.platform.pagination.CursorPage;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ticket audit trail. Written by every use case in its own transaction (MANDATORY), so a change and its
 * audit line exist together or not at all.
 */
@Service
public class ActivityLog {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ActivityLog(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID ticketId, Actor actor, String action, Map<String, ?> details, Instant at) {
        jdbc.update("""
                INSERT INTO ticket_activity (id, ticket_id, actor_type, actor_id, action, details, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)""", Ids.newId(), ticketId, actor.type(), actor.id(), action,
                json.writeValueAsString(details), Timestamp.from(at));
    }

    private static final String ACTIVITY = "ticket-activity";

    /** Oldest first, keyset by id (UUID v7 = time order). */
    @Transactional(readOnly = true)
    public CursorPage<ActivityEntry> list(UUID ticketId, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        List<Object> args = new ArrayList<>(List.of(ticketId));
        String after = "";
        Cursor.Keys keys = Cursor.decode(cursor, ACTIVITY, 1);
        if (keys != null) {
            after = " AND id > ?";
            args.add(keys.uuid(0));
        }
        args.add(size + 1);
        List<ActivityEntry> rows = jdbc.query("""
                SELECT id, ticket_id, actor_type, actor_id, action, details::text AS details, occurred_at
                FROM ticket_activity WHERE ticket_id = ?""" + after + " ORDER BY id LIMIT ?",
                (rs, n) -> new ActivityEntry(rs.getObject("id", UUID.class), rs.getObject("ticket_id", UUID.class),
                        new Actor(rs.getString("actor_type"), rs.getString("actor_id")), rs.getString("action"),
                        json.readValue(rs.getString("details"), MAP), rs.getTimestamp("occurred_at").toInstant()),
                args.toArray());
        return CursorPage.of(rows, size, last -> Cursor.encode(ACTIVITY, last.id()));
    }
}
