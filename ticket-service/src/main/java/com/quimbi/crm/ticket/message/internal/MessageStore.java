package com.quimbi.crm.ticket.message.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.ticket.message.Attachment;
import com.quimbi.crm.ticket.message.Message;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Messages and per-reader read markers in Postgres. */
@Repository
public class MessageStore {

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            id, ticket_id, author_type, author_id, direction, body_text, body_html, internal,
            attachments::text AS attachments, delivery_status, external_source, external_id, created_at, edited_at,
            deleted_at, deleted_by, version""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    MessageStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Message m) {
        jdbc.update("""
                INSERT INTO message (id, ticket_id, author_type, author_id, direction, body_text, body_html, internal,
                  attachments, delivery_status, external_source, external_id, created_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, 0)""",
                m.id(), m.ticketId(), m.authorType(), m.authorId(), m.direction(), m.bodyText(), m.bodyHtml(),
                m.internal(), json.writeValueAsString(m.attachments()), m.deliveryStatus(), m.externalSource(),
                m.externalId(), Timestamp.from(m.createdAt()));
    }

    public long update(Message m) {
        int updated = jdbc.update("""
                UPDATE message SET body_text = ?, body_html = ?, edited_at = ?, deleted_at = ?, deleted_by = ?,
                  version = version + 1 WHERE id = ? AND version = ?""",
                m.bodyText(), m.bodyHtml(), ts(m.editedAt()), ts(m.deletedAt()), m.deletedBy(), m.id(), m.version());
        if (updated != 1) {
            throw new ConflictException("Message " + m.id() + " was changed concurrently; read it again and retry");
        }
        return m.version() + 1;
    }

    /** The delivery status is the provider's news, not an edit: it leaves the version (and If-Match) alone. */
    public void updateDeliveryStatus(UUID id, String status) {
        jdbc.update("UPDATE message SET delivery_status = ? WHERE id = ?", status, id);
    }

    public Optional<Message> lock(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM message WHERE id = ? FOR UPDATE", this::map, id).stream()
                .findFirst();
    }

    /** Claims an Idempotency-Key for a new message; false when it was claimed before (waits for a concurrent claimer). */
    public boolean claimIdempotencyKey(String actorId, String key, UUID messageId, String requestHash, Instant now) {
        return jdbc.update("""
                INSERT INTO message_idempotency (actor_id, idempotency_key, message_id, request_hash, created_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", actorId, key, messageId, requestHash, Timestamp.from(now)) == 1;
    }

    public record IdempotentRequest(UUID messageId, String requestHash) {
    }

    public Optional<IdempotentRequest> findIdempotencyKey(String actorId, String key) {
        return jdbc.query("SELECT message_id, request_hash FROM message_idempotency WHERE actor_id = ? AND idempotency_key = ?",
                (rs, n) -> new IdempotentRequest(rs.getObject(1, UUID.class), rs.getString(2)), actorId, key).stream()
                .findFirst();
    }

    public boolean existsExternal(String source, String externalId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM message WHERE external_source = ? AND external_id = ?)", Boolean.class,
                source, externalId));
    }

    /** Live messages of a ticket, oldest first, after the keyset (createdAt, id). */
    public List<Message> list(UUID ticketId, Instant afterCreated, UUID afterId, int limit) {
        List<Object> args = new ArrayList<>(List.of(ticketId));
        String after = "";
        if (afterCreated != null) {
            after = " AND (created_at, id) > (?, ?)";
            args.add(Timestamp.from(afterCreated));
            args.add(afterId);
        }
        args.add(limit);
        return jdbc.query("SELECT " + COLUMNS + " FROM message WHERE ticket_id = ? AND deleted_at IS NULL" + after
                + " ORDER BY created_at, id LIMIT ?", this::map, args.toArray());
    }

    /** The newest live messages, returned oldest first. */
    public List<Message> last(UUID ticketId, int count) {
        List<Message> newest = jdbc.query("SELECT " + COLUMNS + " FROM message WHERE ticket_id = ? AND deleted_at IS NULL"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", this::map, ticketId, count);
        return newest.reversed();
    }

    public void markRead(UUID ticketId, String readerId, Instant at) {
        jdbc.update("""
                INSERT INTO ticket_read (ticket_id, reader_id, read_at) VALUES (?, ?, ?)
                ON CONFLICT (ticket_id, reader_id) DO UPDATE SET read_at = greatest(ticket_read.read_at, EXCLUDED.read_at)""",
                ticketId, readerId, Timestamp.from(at));
    }

    public Optional<Instant> readAt(UUID ticketId, String readerId) {
        return jdbc.query("SELECT read_at FROM ticket_read WHERE ticket_id = ? AND reader_id = ?",
                (rs, n) -> rs.getTimestamp(1).toInstant(), ticketId, readerId).stream().findFirst();
    }

    /** Live messages someone else wrote after the reader's marker. */
    public int unread(UUID ticketId, String readerId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM message m WHERE m.ticket_id = ? AND m.deleted_at IS NULL
                  AND (m.author_id IS NULL OR m.author_id <> ?)
                  AND m.created_at > coalesce((SELECT read_at FROM ticket_read r WHERE r.ticket_id = m.ticket_id
                                               AND r.reader_id = ?), '-infinity')""",
                Integer.class, ticketId, readerId, readerId);
    }

    private Message map(ResultSet rs, int n) throws SQLException {
        return new Message(rs.getObject("id", UUID.class), rs.getObject("ticket_id", UUID.class),
                rs.getString("author_type"), rs.getString("author_id"), rs.getString("direction"),
                rs.getString("body_text"), rs.getString("body_html"), rs.getBoolean("internal"),
                json.readValue(rs.getString("attachments"), ATTACHMENTS), rs.getString("delivery_status"),
                rs.getString("external_source"), rs.getString("external_id"), instant(rs, "created_at"),
                instant(rs, "edited_at"), instant(rs, "deleted_at"), rs.getString("deleted_by"), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
