package com.quimbi.crm.integration.mailbox.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.integration.mailbox.Mailbox;

/** The mailbox table; the password in and out only as a SecretBox ciphertext. */
@Repository
public class MailboxStore {

    public record SealedMailbox(Mailbox mailbox, String password) {
    }

    private static final String COLUMNS = "id, address, display_name, imap_host, imap_port, imap_tls, folder, smtp_host, "
            + "smtp_port, smtp_tls, username, password, enabled, source, uid_validity, last_uid, last_polled_at, "
            + "last_error, created_at, updated_at";

    private final JdbcTemplate jdbc;

    MailboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SealedMailbox> find(String address) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE address = ?", MailboxStore::map, address).stream()
                .findFirst();
    }

    public Optional<SealedMailbox> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE id = ?", MailboxStore::map, id).stream().findFirst();
    }

    public List<SealedMailbox> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox ORDER BY address", MailboxStore::map);
    }

    public List<SealedMailbox> enabled() {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE enabled ORDER BY address", MailboxStore::map);
    }

    /** Inserts or updates by address; a null password keeps the stored one. The cursor is kept. */
    public void upsert(UUID id, String address, String displayName, String imapHost, int imapPort, boolean imapTls,
            String folder, String smtpHost, int smtpPort, boolean smtpTls, String username, String sealedPassword,
            boolean enabled, String source, Instant now) {
        jdbc.update("""
                INSERT INTO mailbox (id, address, display_name, imap_host, imap_port, imap_tls, folder, smtp_host, smtp_port,
                                     smtp_tls, username, password, enabled, source, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (address) DO UPDATE SET display_name = EXCLUDED.display_name, imap_host = EXCLUDED.imap_host,
                    imap_port = EXCLUDED.imap_port, imap_tls = EXCLUDED.imap_tls,
                    -- another server or folder: its UIDs mean nothing to the old cursor
                    uid_validity = CASE WHEN mailbox.imap_host = EXCLUDED.imap_host AND mailbox.folder = EXCLUDED.folder
                                        THEN mailbox.uid_validity END,
                    last_uid = CASE WHEN mailbox.imap_host = EXCLUDED.imap_host AND mailbox.folder = EXCLUDED.folder
                                    THEN mailbox.last_uid ELSE 0 END,
                    folder = EXCLUDED.folder, smtp_host = EXCLUDED.smtp_host, smtp_port = EXCLUDED.smtp_port,
                    smtp_tls = EXCLUDED.smtp_tls, username = EXCLUDED.username,
                    password = COALESCE(EXCLUDED.password, mailbox.password), enabled = EXCLUDED.enabled,
                    source = EXCLUDED.source, updated_at = EXCLUDED.updated_at""",
                id, address, displayName, imapHost, imapPort, imapTls, folder, smtpHost, smtpPort, smtpTls, username,
                sealedPassword, enabled, source, ts(now), ts(now));
    }

    public boolean delete(String address) {
        return jdbc.update("DELETE FROM mailbox WHERE address = ?", address) > 0;
    }

    /** Locks the mailbox row: one poller per mailbox at a time across instances. */
    public Optional<SealedMailbox> lockForPoll(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE id = ? AND enabled FOR UPDATE SKIP LOCKED",
                MailboxStore::map, id).stream().findFirst();
    }

    public void cursor(UUID id, long uidValidity, long lastUid) {
        jdbc.update("UPDATE mailbox SET uid_validity = ?, last_uid = ? WHERE id = ?", uidValidity, lastUid, id);
    }

    public void polled(UUID id, String error, Instant at) {
        jdbc.update("UPDATE mailbox SET last_polled_at = ?, last_error = ? WHERE id = ?", ts(at),
                error == null ? null : error.substring(0, Math.min(1000, error.length())), id);
    }

    public void updatePassword(UUID id, String sealedPassword) {
        jdbc.update("UPDATE mailbox SET password = ? WHERE id = ?", sealedPassword, id);
    }

    private static SealedMailbox map(ResultSet rs, int row) throws SQLException {
        long validity = rs.getLong("uid_validity");
        Long uidValidity = rs.wasNull() ? null : validity;
        Mailbox mailbox = new Mailbox(rs.getObject("id", UUID.class), rs.getString("address"),
                rs.getString("display_name"), rs.getString("imap_host"), rs.getInt("imap_port"), rs.getBoolean("imap_tls"),
                rs.getString("folder"), rs.getString("smtp_host"), rs.getInt("smtp_port"), rs.getBoolean("smtp_tls"),
                rs.getString("username"), rs.getBoolean("enabled"), rs.getString("source"), uidValidity,
                rs.getLong("last_uid"), instant(rs, "last_polled_at"), rs.getString("last_error"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
        return new SealedMailbox(mailbox, rs.getString("password"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
