package com.quimbi.crm.automation.webhook.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** webhook_endpoint (secrets sealed) and webhook_delivery (the queue and the delivery log in one). */
@Repository
public class WebhookStore {

    public record EndpointRow(UUID id, String name, String url, List<String> events, String secretSealed,
            String previousSecretSealed, Instant previousUntil, boolean enabled, int failureStreak,
            String disabledReason, Instant createdAt, Instant updatedAt) {
    }

    public record DeliveryRow(UUID id, UUID endpointId, UUID eventId, String eventType, String payload, String status,
            int attempts, Instant nextAttemptAt, Integer responseStatus, String lastError, Instant createdAt,
            Instant lastAttemptAt) {
    }

    private static final String ENDPOINT_COLUMNS = "id, name, url, events, secret_sealed, previous_secret_sealed, "
            + "previous_until, enabled, failure_streak, disabled_reason, created_at, updated_at";
    private static final String DELIVERY_COLUMNS = "id, endpoint_id, event_id, event_type, payload, status, attempts, "
            + "next_attempt_at, response_status, last_error, created_at, last_attempt_at";

    private final JdbcTemplate jdbc;

    WebhookStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(EndpointRow e) {
        jdbc.update("INSERT INTO webhook_endpoint (" + ENDPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.name(), e.url(), e.events().toArray(String[]::new), e.secretSealed(),
                e.previousSecretSealed(), ts(e.previousUntil()), e.enabled(), e.failureStreak(), e.disabledReason(),
                ts(e.createdAt()), ts(e.updatedAt()));
    }

    public void update(EndpointRow e) {
        jdbc.update("UPDATE webhook_endpoint SET name = ?, url = ?, events = ?, secret_sealed = ?, "
                + "previous_secret_sealed = ?, previous_until = ?, enabled = ?, failure_streak = ?, disabled_reason = ?, "
                + "updated_at = ? WHERE id = ?", e.name(), e.url(), e.events().toArray(String[]::new), e.secretSealed(),
                e.previousSecretSealed(), ts(e.previousUntil()), e.enabled(), e.failureStreak(), e.disabledReason(),
                ts(e.updatedAt()), e.id());
    }

    public boolean delete(UUID id) {
        return jdbc.update("DELETE FROM webhook_endpoint WHERE id = ?", id) > 0;
    }

    public Optional<EndpointRow> find(UUID id) {
        return jdbc.query("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint WHERE id = ?", WebhookStore::endpoint, id)
                .stream().findFirst();
    }

    public List<EndpointRow> all() {
        return jdbc.query("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint ORDER BY name, id", WebhookStore::endpoint);
    }

    /** Enabled endpoints that asked for this event. */
    public List<UUID> subscribers(String eventName) {
        return jdbc.queryForList("SELECT id FROM webhook_endpoint WHERE enabled AND ? = ANY (events)", UUID.class,
                eventName);
    }

    /** Once per endpoint and event: a redelivered source event queues nothing. */
    public void enqueue(UUID id, UUID endpointId, UUID eventId, String eventType, String payload, Instant now) {
        jdbc.update("INSERT INTO webhook_delivery (id, endpoint_id, event_id, event_type, payload, status, "
                + "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) "
                + "ON CONFLICT (endpoint_id, event_id) DO NOTHING", id, endpointId, eventId, eventType, payload, ts(now),
                ts(now));
    }

    /**
     * The earliest due delivery of an enabled endpoint, locked (SKIP LOCKED: dispatcher threads and instances share
     * the queue), with its endpoint row locked too so streak counting is serialised per endpoint.
     */
    public Optional<DeliveryRow> lockNextDue(Instant now) {
        return jdbc.query("SELECT " + prefixed("d.", DELIVERY_COLUMNS) + " FROM webhook_delivery d "
                + "JOIN webhook_endpoint e ON e.id = d.endpoint_id WHERE d.status = 'pending' AND d.next_attempt_at <= ? "
                + "AND e.enabled ORDER BY d.next_attempt_at LIMIT 1 FOR UPDATE OF d, e SKIP LOCKED",
                WebhookStore::delivery, ts(now)).stream().findFirst();
    }

    public void attempted(UUID id, String status, int attempts, Instant nextAttemptAt, Integer responseStatus,
            String lastError, Instant at) {
        jdbc.update("UPDATE webhook_delivery SET status = ?, attempts = ?, next_attempt_at = ?, response_status = ?, "
                + "last_error = ?, last_attempt_at = ? WHERE id = ?", status, attempts, ts(nextAttemptAt), responseStatus,
                lastError, ts(at), id);
    }

    public void setStreak(UUID endpointId, int streak) {
        jdbc.update("UPDATE webhook_endpoint SET failure_streak = ? WHERE id = ?", streak, endpointId);
    }

    public void disable(UUID endpointId, String reason, Instant at) {
        jdbc.update("UPDATE webhook_endpoint SET enabled = false, disabled_reason = ?, updated_at = ? WHERE id = ?",
                reason, ts(at), endpointId);
    }

    public List<DeliveryRow> deliveries(UUID endpointId, int limit) {
        return jdbc.query("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE endpoint_id = ? "
                + "ORDER BY created_at DESC, id LIMIT ?", WebhookStore::delivery, endpointId, limit);
    }

    /** Queued again at once, with a fresh attempt budget; the log keeps the row. */
    public boolean redeliver(UUID endpointId, UUID deliveryId, Instant now) {
        return jdbc.update("UPDATE webhook_delivery SET status = 'pending', attempts = 0, next_attempt_at = ? "
                + "WHERE id = ? AND endpoint_id = ?", ts(now), deliveryId, endpointId) > 0;
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }

    private static EndpointRow endpoint(ResultSet rs, int i) throws SQLException {
        return new EndpointRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("url"),
                List.of((String[]) rs.getArray("events").getArray()), rs.getString("secret_sealed"),
                rs.getString("previous_secret_sealed"), instant(rs.getTimestamp("previous_until")),
                rs.getBoolean("enabled"), rs.getInt("failure_streak"), rs.getString("disabled_reason"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
    }

    private static DeliveryRow delivery(ResultSet rs, int i) throws SQLException {
        return new DeliveryRow(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("payload"),
                rs.getString("status"), rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
                rs.getObject("response_status", Integer.class), rs.getString("last_error"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_attempt_at")));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
