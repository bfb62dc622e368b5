package com.quimbi.crm.notification.delivery.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.notification.delivery.DeliveryStatus;
import com.quimbi.crm.notification.delivery.DeliveryView;
import com.quimbi.crm.notification.rules.AlertItem;
import com.quimbi.crm.notification.rules.DestinationType;
import com.quimbi.crm.notification.rules.EventKind;

import tools.jackson.databind.json.JsonMapper;

/** delivery and delivery_destination. */
@Repository
public class DeliveryStore {

    private static final String COLUMNS = "id, rule_id, event_id, event_kind, ticket_id, destination_type, destination, "
            + "status, attempts, last_error, message_ref, created_at, next_attempt_at, sent_at, item::text";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    DeliveryStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Destination(DestinationType type, String destination) {
    }

    public record Pending(UUID id, AlertItem item, int attempts) {
    }

    /**
     * Inserts unless this event already has a row for the destination ({@code dedupeKey}) or, when
     * {@code sameTicketWithin} is set, the same ticket and kind went to the destination within it (a sliding window):
     * true when inserted.
     */
    public boolean insert(UUID id, UUID ruleId, AlertItem item, DestinationType type, String destination, String dedupeKey,
            DeliveryStatus status, Instant now, Duration sameTicketWithin) {
        String unlessRecent = sameTicketWithin == null || item.ticketId() == null ? "" : """
                WHERE NOT EXISTS (SELECT 1 FROM delivery WHERE destination_type = ? AND destination = ? AND ticket_id = ?
                    AND event_kind = ? AND created_at > ?)""";
        List<Object> args = new java.util.ArrayList<>();
        args.add(id);
        args.add(ruleId);
        args.add(item.eventId());
        args.add(wire(item.kind()));
        args.add(item.ticketId());
        args.add(wire(type));
        args.add(destination);
        args.add(dedupeKey);
        args.add(json.writeValueAsString(item));
        args.add(wire(status));
        args.add(Timestamp.from(now));
        args.add(Timestamp.from(now));
        args.add(status == DeliveryStatus.SENT ? Timestamp.from(now) : null);
        if (!unlessRecent.isEmpty()) {
            args.add(wire(type));
            args.add(destination);
            args.add(item.ticketId());
            args.add(wire(item.kind()));
            args.add(Timestamp.from(now.minus(sameTicketWithin)));
        }
        return jdbc.update("""
                INSERT INTO delivery (id, rule_id, event_id, event_kind, ticket_id, destination_type, destination, dedupe_key,
                    item, status, created_at, next_attempt_at, sent_at)
                SELECT ?::uuid, ?::uuid, ?::uuid, ?::varchar, ?::uuid, ?::varchar, ?::varchar, ?::varchar, ?::jsonb,
                    ?::varchar, ?::timestamptz, ?::timestamptz, ?::timestamptz
                """ + unlessRecent + " ON CONFLICT (dedupe_key) DO NOTHING", args.toArray()) == 1;
    }

    /**
     * Destinations with something to send now: pending items due, the oldest waited {@code gather}, the destination not
     * blocked by a 429, and its window since the last message over (or a full message's worth waiting and the rate
     * interval over).
     */
    public List<Destination> due(Instant now, Duration gather, Duration window, Duration rate, int fullBatch) {
        return jdbc.query("""
                SELECT d.destination_type, d.destination FROM delivery d
                LEFT JOIN delivery_destination s ON s.destination_type = d.destination_type AND s.destination = d.destination
                WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND d.destination_type <> 'websocket'
                  AND (s.blocked_until IS NULL OR s.blocked_until <= ?)
                GROUP BY d.destination_type, d.destination, s.last_sent_at
                HAVING min(d.created_at) <= ?
                   AND (s.last_sent_at IS NULL OR s.last_sent_at <= ? OR (count(*) >= ? AND s.last_sent_at <= ?))
                ORDER BY min(d.created_at) LIMIT 100""",
                (rs, i) -> new Destination(DestinationType.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getString(2)),
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.minus(gather)), Timestamp.from(now.minus(window)),
                fullBatch, Timestamp.from(now.minus(rate)));
    }

    /** Locks the destination's row for this dispatch (another instance skips it); false when someone else holds it. */
    public boolean lock(Destination destination) {
        jdbc.update("INSERT INTO delivery_destination (destination_type, destination) VALUES (?, ?) ON CONFLICT DO NOTHING",
                wire(destination.type()), destination.destination());
        return !jdbc.queryForList("SELECT 1 FROM delivery_destination WHERE destination_type = ? AND destination = ? "
                + "FOR UPDATE SKIP LOCKED", Integer.class, wire(destination.type()), destination.destination()).isEmpty();
    }

    /** The destination's due items, oldest first, locked. */
    public List<Pending> pending(Destination destination, Instant now, int limit) {
        return jdbc.query("""
                SELECT id, item::text, attempts FROM delivery WHERE status = 'pending' AND destination_type = ? AND destination = ?
                  AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new Pending(rs.getObject(1, UUID.class), json.readValue(rs.getString(2), AlertItem.class),
                        rs.getInt(3)), wire(destination.type()), destination.destination(), Timestamp.from(now), limit);
    }

    public void sent(List<UUID> ids, String messageRef, Instant now) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("UPDATE delivery SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
                    + "message_ref = ?, last_error = NULL WHERE id = ANY (?)");
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, messageRef);
            ps.setArray(3, con.createArrayOf("uuid", ids.toArray()));
            return ps;
        });
    }

    public void retryLater(UUID id, Instant at, String error) {
        jdbc.update("UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                Timestamp.from(at), truncate(error), id);
    }

    public void failed(UUID id, String error) {
        jdbc.update("UPDATE delivery SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                truncate(error), id);
    }

    public void markSentTo(Destination destination, Instant now) {
        jdbc.update("UPDATE delivery_destination SET last_sent_at = ? WHERE destination_type = ? AND destination = ?",
                Timestamp.from(now), wire(destination.type()), destination.destination());
    }

    public void block(Destination destination, Instant until) {
        jdbc.update("UPDATE delivery_destination SET blocked_until = ? WHERE destination_type = ? AND destination = ?",
                Timestamp.from(until), wire(destination.type()), destination.destination());
    }

    public Optional<DeliveryView> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM delivery WHERE id = ?", this::view, id).stream().findFirst();
    }

    /** Newest first, keyset on (created_at, id). */
    public List<DeliveryView> list(DeliveryStatus status, Instant beforeAt, UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM delivery WHERE true");
        List<Object> args = new java.util.ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(wire(status));
        }
        if (beforeAt != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(beforeAt));
            args.add(beforeId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), this::view, args.toArray());
    }

    /** A failed delivery back to pending, due now, with a fresh set of attempts; false when it was not failed. */
    public boolean requeue(UUID id, Instant now) {
        return jdbc.update("UPDATE delivery SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? "
                + "AND status = 'failed'", Timestamp.from(now), id) == 1;
    }

    private DeliveryView view(ResultSet rs, int i) throws SQLException {
        return new DeliveryView(rs.getObject("id", UUID.class), rs.getObject("rule_id", UUID.class),
                rs.getObject("event_id", UUID.class), EventKind.valueOf(rs.getString("event_kind").toUpperCase(Locale.ROOT)),
                rs.getObject("ticket_id", UUID.class),
                DestinationType.valueOf(rs.getString("destination_type").toUpperCase(Locale.ROOT)), rs.getString("destination"),
                DeliveryStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getString("message_ref"), instant(rs, "created_at"),
                instant(rs, "next_attempt_at"), instant(rs, "sent_at"), json.readTree(rs.getString("item")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
