package com.quimbi.crm.integration.gorgias.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.platform.core.Ids;

/** Gorgias accounts (credentials only as SecretBox ciphertexts) and the ticket/message links. */
@Repository
public class GorgiasStore {

    /** An account row with its sealed credentials. */
    public record SealedAccount(String domain, String email, String apiKey, String webhookSecret, Instant connectedAt,
            Instant updatedAt) {

        @Override
        public String toString() {
            return "SealedAccount[" + domain + "]";
        }
    }

    /** A ticket link; either id may still be unknown. */
    public record TicketLink(UUID id, String accountDomain, Long gorgiasTicketId, UUID crmTicketId, String origin,
            String lastStatus) {
    }

    private final JdbcTemplate jdbc;

    GorgiasStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- accounts

    public void upsertAccount(String domain, String email, String sealedKey, String sealedSecret, Instant now) {
        jdbc.update("""
                INSERT INTO gorgias_account (domain, email, api_key, webhook_secret, connected_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (domain) DO UPDATE SET email = EXCLUDED.email, api_key = EXCLUDED.api_key,
                    webhook_secret = EXCLUDED.webhook_secret, updated_at = EXCLUDED.updated_at""",
                domain, email, sealedKey, sealedSecret, ts(now), ts(now));
    }

    public Optional<SealedAccount> findAccount(String domain) {
        return jdbc.query("SELECT * FROM gorgias_account WHERE domain = ?", GorgiasStore::account, domain).stream()
                .findFirst();
    }

    public List<SealedAccount> accounts() {
        return jdbc.query("SELECT * FROM gorgias_account ORDER BY domain", GorgiasStore::account);
    }

    public boolean deleteAccount(String domain) {
        return jdbc.update("DELETE FROM gorgias_account WHERE domain = ?", domain) == 1;
    }

    public void updateSealed(String domain, String sealedKey, String sealedSecret) {
        jdbc.update("UPDATE gorgias_account SET api_key = ?, webhook_secret = ? WHERE domain = ?", sealedKey,
                sealedSecret, domain);
    }

    // ---- ticket links

    /** A Gorgias ticket seen for the first time (import): true when this call created the link. */
    public boolean linkImported(String domain, long gorgiasTicketId, Instant now) {
        return jdbc.update("""
                INSERT INTO gorgias_ticket_link (id, account_domain, gorgias_ticket_id, origin, created_at, updated_at)
                VALUES (?, ?, ?, 'gorgias', ?, ?) ON CONFLICT DO NOTHING""",
                Ids.newId(), domain, gorgiasTicketId, ts(now), ts(now)) == 1;
    }

    /** One of our tickets, to be created in Gorgias (push): the Gorgias id comes with the answer. */
    public void linkOurs(String domain, UUID crmTicketId, Instant now) {
        jdbc.update("""
                INSERT INTO gorgias_ticket_link (id, account_domain, crm_ticket_id, origin, created_at, updated_at)
                VALUES (?, ?, ?, 'crm', ?, ?) ON CONFLICT DO NOTHING""", Ids.newId(), domain, crmTicketId, ts(now),
                ts(now));
    }

    /**
     * The Gorgias id of one of our tickets (push answer, or its external id seen in a webhook/import). False when
     * that Gorgias ticket is already linked to another of ours.
     */
    public boolean setGorgiasId(UUID crmTicketId, String domain, long gorgiasTicketId, Instant now) {
        int changed = jdbc.update("""
                INSERT INTO gorgias_ticket_link (id, account_domain, gorgias_ticket_id, crm_ticket_id, origin, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'crm', ?, ?)
                ON CONFLICT (crm_ticket_id) DO UPDATE SET gorgias_ticket_id = EXCLUDED.gorgias_ticket_id,
                    account_domain = EXCLUDED.account_domain, updated_at = EXCLUDED.updated_at
                WHERE gorgias_ticket_link.gorgias_ticket_id IS NULL""",
                Ids.newId(), domain, gorgiasTicketId, crmTicketId, ts(now), ts(now));
        return changed == 1;
    }

    /** ticket.created of an imported ticket names its CRM id: completes the link. */
    public boolean setCrmId(String domain, long gorgiasTicketId, UUID crmTicketId, Instant now) {
        return jdbc.update("""
                UPDATE gorgias_ticket_link SET crm_ticket_id = ?, updated_at = ?
                WHERE account_domain = ? AND gorgias_ticket_id = ? AND crm_ticket_id IS NULL""",
                crmTicketId, ts(now), domain, gorgiasTicketId) == 1;
    }

    public Optional<TicketLink> linkOfCrm(UUID crmTicketId) {
        return jdbc.query("SELECT * FROM gorgias_ticket_link WHERE crm_ticket_id = ?", GorgiasStore::link, crmTicketId)
                .stream().findFirst();
    }

    public Optional<TicketLink> linkOfGorgias(String domain, long gorgiasTicketId) {
        return jdbc.query("SELECT * FROM gorgias_ticket_link WHERE account_domain = ? AND gorgias_ticket_id = ?",
                GorgiasStore::link, domain, gorgiasTicketId).stream().findFirst();
    }

    /** An imported (or our own) Gorgias ticket whose CRM id is not known yet, matched by Gorgias id only. */
    public Optional<TicketLink> linkOfGorgiasAnyAccount(long gorgiasTicketId) {
        return jdbc.query("SELECT * FROM gorgias_ticket_link WHERE gorgias_ticket_id = ? ORDER BY created_at LIMIT 1",
                GorgiasStore::link, gorgiasTicketId).stream().findFirst();
    }

    /** Gorgias's status (as ours) last seen or pushed; answers the previous one. */
    public void setLastStatus(String domain, long gorgiasTicketId, String status, Instant now) {
        jdbc.update("UPDATE gorgias_ticket_link SET last_status = ?, updated_at = ? WHERE account_domain = ? AND gorgias_ticket_id = ?",
                status, ts(now), domain, gorgiasTicketId);
    }

    // ---- message links

    /** A Gorgias message seen for the first time: true when this call recorded it (import it / count it). */
    public boolean recordMessage(String domain, long gorgiasMessageId, long gorgiasTicketId, UUID crmMessageId,
            String origin, Instant now) {
        return jdbc.update("""
                INSERT INTO gorgias_message_link (account_domain, gorgias_message_id, gorgias_ticket_id, crm_message_id,
                                                  origin, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                domain, gorgiasMessageId, gorgiasTicketId, crmMessageId, origin, ts(now)) == 1;
    }

    public int countMessages(String domain, long gorgiasTicketId, String origin) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM gorgias_message_link WHERE account_domain = ? AND gorgias_ticket_id = ? AND origin = ?""",
                Integer.class, domain, gorgiasTicketId, origin);
    }

    private static SealedAccount account(ResultSet rs, int row) throws SQLException {
        return new SealedAccount(rs.getString("domain"), rs.getString("email"), rs.getString("api_key"),
                rs.getString("webhook_secret"), instant(rs, "connected_at"), instant(rs, "updated_at"));
    }

    private static TicketLink link(ResultSet rs, int row) throws SQLException {
        // getObject, not getLong + wasNull: wasNull answers for the column read last, which here was account_domain,
        // so a link still waiting for its Gorgias ticket read as ticket 0 (its link URL and pushes went to ticket 0)
        return new TicketLink(rs.getObject("id", UUID.class), rs.getString("account_domain"),
                rs.getObject("gorgias_ticket_id", Long.class), rs.getObject("crm_ticket_id", UUID.class),
                rs.getString("origin"), rs.getString("last_status"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
