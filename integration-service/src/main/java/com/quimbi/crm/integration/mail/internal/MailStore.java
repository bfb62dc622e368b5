package com.quimbi.crm.integration.mail.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** inbound_mail, mail_ticket, outbound_mail and mail_attachment: the mail feature's tables. */
@Repository
public class MailStore {

    public record Inbound(UUID id, UUID mailboxId, String messageId, byte[] raw, int attempts) {
    }

    public record MailTicket(UUID ticketId, String number, String customerEmail, String subject, boolean closed,
            String threadToken, UUID mailboxId, String lastMessageId, String references) {
    }

    /** {@code attachments}: the reply's files as JSON ({name, contentType, size, url}[]), null = none. */
    public record Outbound(UUID messageId, UUID ticketId, UUID mailboxId, String messageIdHeader, String bodyText,
            String status, int attempts, String attachments) {
    }

    public record StoredAttachment(UUID id, String name, String contentType, long size, byte[] content) {
    }

    private final JdbcTemplate jdbc;

    MailStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- inbound

    /**
     * Records a mail once per mailbox + Message-ID; false when it was recorded before (a re-read). {@code senderSha256}:
     * the From address's SHA-256 (lower case), what a {@code customer.redacted} finds it by; null without one.
     */
    public boolean record(UUID id, UUID mailboxId, String messageId, long uidValidity, long uid, byte[] raw,
            String senderSha256, Instant now) {
        return jdbc.update("""
                INSERT INTO inbound_mail (id, mailbox_id, message_id, uid_validity, uid, raw, sender_sha256, received_at,
                    next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT inbound_mail_once DO NOTHING""",
                id, mailboxId, messageId, uidValidity, uid, raw, senderSha256, ts(now), ts(now)) > 0;
    }

    public List<Inbound> lockDue(Instant now, int limit) {
        return jdbc.query("""
                SELECT id, mailbox_id, message_id, raw, attempts FROM inbound_mail
                WHERE status = 'received' AND next_attempt_at <= ? ORDER BY received_at, uid
                LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, i) -> new Inbound(rs.getObject("id", UUID.class), rs.getObject("mailbox_id", UUID.class),
                        rs.getString("message_id"), rs.getBytes("raw"), rs.getInt("attempts")), ts(now), limit);
    }

    public void processed(UUID id, String status, String kind, UUID ticketId, String note, Instant now) {
        jdbc.update("UPDATE inbound_mail SET status = ?, kind = ?, ticket_id = ?, last_error = ?, processed_at = ? WHERE id = ?",
                status, kind, ticketId, cap(note), ts(now), id);
    }

    public void retryLater(UUID id, int attempts, String error, Instant next, boolean give_up) {
        jdbc.update("UPDATE inbound_mail SET attempts = ?, last_error = ?, next_attempt_at = ?, status = ? WHERE id = ?",
                attempts, cap(error), ts(next), give_up ? "failed" : "received", id);
    }

    // ---- tickets mail threads into

    public Optional<MailTicket> ticket(UUID ticketId) {
        return jdbc.query("SELECT * FROM mail_ticket WHERE ticket_id = ?", MailStore::ticketRow, ticketId).stream().findFirst();
    }

    public Optional<MailTicket> ticketByToken(String token) {
        return jdbc.query("SELECT * FROM mail_ticket WHERE thread_token = ?", MailStore::ticketRow, token).stream().findFirst();
    }

    public Optional<MailTicket> ticketByNumber(String number) {
        return jdbc.query("SELECT * FROM mail_ticket WHERE number = ?", MailStore::ticketRow, number).stream().findFirst();
    }

    /** The ticket of one of our outbound Message-IDs. */
    public Optional<UUID> ticketOfOutbound(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("SELECT ticket_id FROM outbound_mail WHERE message_id_header = ANY (?) ORDER BY created_at DESC LIMIT 1",
                (rs, i) -> rs.getObject(1, UUID.class), (Object) messageIds.toArray(String[]::new)).stream().findFirst();
    }

    /** A ticket we just opened from a mail (ticket-service will announce its number). */
    public void openedFromMail(UUID ticketId, String customerEmail, String subject, String token, UUID mailboxId,
            String lastMessageId, String references, Instant now) {
        jdbc.update("""
                INSERT INTO mail_ticket (ticket_id, customer_email, subject, thread_token, mailbox_id, last_message_id,
                                         references_header, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING""",
                ticketId, customerEmail, cap300(subject), token, mailboxId, lastMessageId, references, ts(now));
    }

    /** ticket.created of an e-mail ticket (ours or an agent's): number, customer, subject; ours keep their token. */
    public void announced(UUID ticketId, String number, String customerEmail, String subject, String token, Instant now) {
        jdbc.update("""
                INSERT INTO mail_ticket (ticket_id, number, customer_email, subject, thread_token, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id) DO UPDATE SET number = EXCLUDED.number,
                    customer_email = COALESCE(EXCLUDED.customer_email, mail_ticket.customer_email),
                    subject = COALESCE(mail_ticket.subject, EXCLUDED.subject), updated_at = EXCLUDED.updated_at""",
                ticketId, number, customerEmail, cap300(subject), token, ts(now));
    }

    public void customerChanged(UUID ticketId, String customerEmail) {
        jdbc.update("UPDATE mail_ticket SET customer_email = ? WHERE ticket_id = ?", customerEmail, ticketId);
    }

    public void closed(UUID ticketId, boolean closed) {
        jdbc.update("UPDATE mail_ticket SET closed = ? WHERE ticket_id = ?", closed, ticketId);
    }

    /** The customer's latest mail on the ticket: what our next reply answers. */
    public void customerWrote(UUID ticketId, UUID mailboxId, String messageId, String references, Instant now) {
        jdbc.update("""
                UPDATE mail_ticket SET last_message_id = ?, references_header = ?, mailbox_id = COALESCE(mailbox_id, ?),
                    updated_at = ? WHERE ticket_id = ?""", messageId, references, mailboxId, ts(now), ticketId);
    }

    public void forget(UUID ticketId) {
        jdbc.update("DELETE FROM mail_ticket WHERE ticket_id = ?", ticketId);
    }

    private static MailTicket ticketRow(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new MailTicket(rs.getObject("ticket_id", UUID.class), rs.getString("number"), rs.getString("customer_email"),
                rs.getString("subject"), rs.getBoolean("closed"), rs.getString("thread_token"),
                rs.getObject("mailbox_id", UUID.class), rs.getString("last_message_id"), rs.getString("references_header"));
    }

    // ---- outbound

    /** One outbound mail per ticket-service message: false when this reply was queued before (a redelivery). */
    public boolean queue(UUID messageId, UUID ticketId, UUID mailboxId, String messageIdHeader, String bodyText,
            String attachments, String status, Instant now) {
        return jdbc.update("""
                INSERT INTO outbound_mail (message_id, ticket_id, mailbox_id, message_id_header, body_text, attachments,
                                           status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING""",
                messageId, ticketId, mailboxId, messageIdHeader, bodyText, attachments, status, ts(now), ts(now)) > 0;
    }

    /** Due sends, claimed: a claim is a lease ({@code lease}); a crash mid-send leaves it to be retried after it. */
    public List<Outbound> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.query("""
                UPDATE outbound_mail SET status = 'sending', attempts = attempts + 1, next_attempt_at = ?
                WHERE message_id IN (SELECT message_id FROM outbound_mail
                                     WHERE status IN ('queued', 'sending') AND next_attempt_at <= ?
                                     ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING message_id, ticket_id, mailbox_id, message_id_header, body_text, status, attempts, attachments""",
                (rs, i) -> new Outbound(rs.getObject("message_id", UUID.class), rs.getObject("ticket_id", UUID.class),
                        rs.getObject("mailbox_id", UUID.class), rs.getString("message_id_header"), rs.getString("body_text"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("attachments")), ts(leaseUntil), ts(now), limit);
    }

    public void outboundStatus(UUID messageId, String status, String error, Instant next, Instant sentAt) {
        jdbc.update("""
                UPDATE outbound_mail SET status = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at),
                    sent_at = COALESCE(?, sent_at) WHERE message_id = ?""",
                status, cap(error), ts(next), ts(sentAt), messageId);
    }

    public Optional<Outbound> outboundByHeader(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("""
                SELECT message_id, ticket_id, mailbox_id, message_id_header, body_text, status, attempts, attachments FROM outbound_mail
                WHERE message_id_header = ANY (?) LIMIT 1""",
                (rs, i) -> new Outbound(rs.getObject("message_id", UUID.class), rs.getObject("ticket_id", UUID.class),
                        rs.getObject("mailbox_id", UUID.class), rs.getString("message_id_header"), rs.getString("body_text"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("attachments")), (Object) messageIds.toArray(String[]::new))
                .stream().findFirst();
    }

    // ---- attachments

    public void attachment(UUID id, UUID inboundId, UUID ticketId, String name, String contentType, byte[] content,
            boolean inline, String contentId, Instant now) {
        jdbc.update("""
                INSERT INTO mail_attachment (id, inbound_mail_id, ticket_id, name, content_type, size, inline, content_id,
                                             content, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, inboundId, ticketId, name, contentType, content.length, inline, contentId, content, ts(now));
    }

    public void deleteAttachments(UUID inboundId) {
        jdbc.update("DELETE FROM mail_attachment WHERE inbound_mail_id = ?", inboundId);
    }

    public Optional<StoredAttachment> attachment(UUID id) {
        return jdbc.query("SELECT id, name, content_type, size, content FROM mail_attachment WHERE id = ?",
                (rs, i) -> new StoredAttachment(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("content_type"), rs.getLong("size"), rs.getBytes("content")), id).stream().findFirst();
    }

    private static String cap(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000);
    }

    private static String cap300(String value) {
        return value == null || value.length() <= 300 ? value : value.substring(0, 300);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
