package com.quimbi.crm.automation.csat.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** csat_ticket (what surveys depend on) and csat_survey (schedule, sending, rating). */
@Repository
public class CsatStore {

    public record TicketRow(UUID ticketId, String number, UUID customerId, String channel, String status,
            List<String> tags, boolean agentReplied, String lastAgentId) {
    }

    public record SurveyRow(UUID id, UUID ticketId, String status, Instant dueAt, UUID customerId, String agentId,
            String scale, Instant sentAt, Instant expiresAt, String skipReason, String rating, Integer score,
            String comment, Instant ratedAt, boolean closed) {
    }

    private static final String SURVEY_COLUMNS = "id, ticket_id, status, due_at, customer_id, agent_id, scale, "
            + "sent_at, expires_at, skip_reason, rating, score, comment, rated_at, closed";

    private final JdbcTemplate jdbc;

    CsatStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void upsertTicket(TicketRow t) {
        jdbc.update("INSERT INTO csat_ticket (ticket_id, number, customer_id, channel, status, tags) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET number = EXCLUDED.number, "
                + "customer_id = EXCLUDED.customer_id, channel = EXCLUDED.channel, tags = EXCLUDED.tags",
                t.ticketId(), t.number(), t.customerId(), t.channel(), t.status(), t.tags().toArray(String[]::new));
    }

    /** The ticket row, locked: a ticket's events and its survey's sending are serialised. */
    public Optional<TicketRow> lockTicket(UUID ticketId) {
        return jdbc.query("SELECT ticket_id, number, customer_id, channel, status, tags, agent_replied, last_agent_id "
                + "FROM csat_ticket WHERE ticket_id = ? FOR UPDATE", (rs, i) -> new TicketRow(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                        rs.getString(5), List.of((String[]) rs.getArray(6).getArray()), rs.getBoolean(7),
                        rs.getString(8)), ticketId).stream().findFirst();
    }

    public void setStatus(UUID ticketId, String status) {
        jdbc.update("UPDATE csat_ticket SET status = ? WHERE ticket_id = ?", status, ticketId);
    }

    public void setTags(UUID ticketId, List<String> tags) {
        jdbc.update("UPDATE csat_ticket SET tags = ? WHERE ticket_id = ?", tags.toArray(String[]::new), ticketId);
    }

    public void agentReplied(UUID ticketId, String agentId) {
        jdbc.update("UPDATE csat_ticket SET agent_replied = true, last_agent_id = ? WHERE ticket_id = ?", agentId,
                ticketId);
    }

    public void deleteTicket(UUID ticketId) {
        jdbc.update("DELETE FROM csat_ticket WHERE ticket_id = ?", ticketId);
    }

    public Optional<SurveyRow> surveyOfTicket(UUID ticketId) {
        return jdbc.query("SELECT " + SURVEY_COLUMNS + " FROM csat_survey WHERE ticket_id = ?", CsatStore::survey,
                ticketId).stream().findFirst();
    }

    public Optional<SurveyRow> findSurvey(UUID id) {
        return jdbc.query("SELECT " + SURVEY_COLUMNS + " FROM csat_survey WHERE id = ?", CsatStore::survey, id).stream()
                .findFirst();
    }

    /** Not locked: the rating path holds the survey row and must not wait for a ticket row (lock order). */
    public String ticketNumber(UUID ticketId) {
        return jdbc.query("SELECT number FROM csat_ticket WHERE ticket_id = ?", (rs, i) -> rs.getString(1), ticketId)
                .stream().findFirst().orElse(null);
    }

    public Optional<SurveyRow> lockSurvey(UUID id) {
        return jdbc.query("SELECT " + SURVEY_COLUMNS + " FROM csat_survey WHERE id = ? FOR UPDATE", CsatStore::survey,
                id).stream().findFirst();
    }

    /** Scheduled (or moved to the new moment when the ticket is solved again before it went out). */
    public void schedule(UUID id, UUID ticketId, Instant dueAt) {
        jdbc.update("INSERT INTO csat_survey (id, ticket_id, status, due_at) VALUES (?, ?, 'scheduled', ?) "
                + "ON CONFLICT (ticket_id) DO UPDATE SET due_at = EXCLUDED.due_at WHERE csat_survey.status = 'scheduled'",
                id, ticketId, ts(dueAt));
    }

    /** A ticket reopened before its survey went out: none until it is solved again. */
    public void unschedule(UUID ticketId) {
        jdbc.update("DELETE FROM csat_survey WHERE ticket_id = ? AND status = 'scheduled'", ticketId);
    }

    public void close(UUID ticketId) {
        jdbc.update("UPDATE csat_survey SET closed = true WHERE ticket_id = ?", ticketId);
    }

    /** The earliest due survey whose ticket nobody else holds (ticket row first, as the consumer locks it). */
    public Optional<SurveyRow> takeNextDue(Instant now) {
        Optional<UUID> id = jdbc.query("SELECT s.id FROM csat_survey s JOIN csat_ticket t ON t.ticket_id = s.ticket_id "
                + "WHERE s.status = 'scheduled' AND s.due_at <= ? ORDER BY s.due_at LIMIT 1 FOR UPDATE OF t, s SKIP LOCKED",
                (rs, i) -> rs.getObject(1, UUID.class), ts(now)).stream().findFirst();
        return id.flatMap(this::lockSurvey);
    }

    public void postpone(UUID id, Instant dueAt) {
        jdbc.update("UPDATE csat_survey SET due_at = ? WHERE id = ?", ts(dueAt), id);
    }

    public void skip(UUID id, String reason) {
        jdbc.update("UPDATE csat_survey SET status = 'skipped', skip_reason = ? WHERE id = ?", reason, id);
    }

    public void sent(UUID id, UUID customerId, String agentId, String scale, Instant sentAt, Instant expiresAt) {
        jdbc.update("UPDATE csat_survey SET status = 'sent', customer_id = ?, agent_id = ?, scale = ?, sent_at = ?, "
                + "expires_at = ? WHERE id = ?", customerId, agentId, scale, ts(sentAt), ts(expiresAt), id);
    }

    /** Whether this customer got a survey since {@code since} (at most one per customer per window). */
    public boolean surveyedSince(UUID customerId, Instant since) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM csat_survey WHERE customer_id = ? "
                + "AND status = 'sent' AND sent_at > ?)", Boolean.class, customerId, ts(since)));
    }

    public void rate(UUID id, String rating, int score, String comment, Instant at) {
        jdbc.update("UPDATE csat_survey SET rating = ?, score = ?, comment = ?, rated_at = ? WHERE id = ?", rating, score,
                comment, ts(at), id);
    }

    private static SurveyRow survey(ResultSet rs, int i) throws SQLException {
        return new SurveyRow(rs.getObject("id", UUID.class), rs.getObject("ticket_id", UUID.class),
                rs.getString("status"), instant(rs.getTimestamp("due_at")), rs.getObject("customer_id", UUID.class),
                rs.getString("agent_id"), rs.getString("scale"), instant(rs.getTimestamp("sent_at")),
                instant(rs.getTimestamp("expires_at")), rs.getString("skip_reason"), rs.getString("rating"),
                rs.getObject("score", Integer.class), rs.getString("comment"), instant(rs.getTimestamp("rated_at")),
                rs.getBoolean("closed"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
