package com.quimbi.crm.ticket.privacy.internal;

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

import com.quimbi.crm.contracts.customer.CustomerRedacted;
import com.quimbi.crm.ticket.privacy.PrivacyExport;
import com.quimbi.crm.ticket.privacy.PrivacyService.Subject;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that knows every ticket-service table holding personal data of a customer: customer, ticket,
 * message, ticket_activity (old/new values) and the outbox (published payloads, already relayed from the WAL).
 */
@Repository
public class PrivacyStore {

    /** A customer row as it was before erasure. */
    public record Held(UUID id, String email) {
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    PrivacyStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The live (not redacted) customer a request names: by the shop's id, then by address; the survivor of a merge. */
    public Optional<UUID> findCustomer(String shopifyId, String email) {
        List<UUID> found = jdbc.query("""
                SELECT coalesce(merged_into, id) FROM customer WHERE redacted_at IS NULL AND shopify_customer_id = ?
                ORDER BY merged_into NULLS FIRST LIMIT 1""", (rs, n) -> rs.getObject(1, UUID.class), shopifyId);
        if (found.isEmpty() && email != null) {
            found = jdbc.query("""
                    SELECT coalesce(merged_into, id) FROM customer WHERE redacted_at IS NULL AND email = ?
                    ORDER BY merged_into NULLS FIRST LIMIT 1""", (rs, n) -> rs.getObject(1, UUID.class), email);
        }
        return found.stream().findFirst();
    }

    /** The named customer and every customer merged into it (the same person), locked; empty when nobody matches. */
    public List<Held> lockCustomers(String shopifyId, String email) {
        Optional<UUID> root = findCustomer(shopifyId, email);
        if (root.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT id, email FROM customer WHERE (id = ? OR merged_into = ?) AND redacted_at IS NULL
                ORDER BY (id = ?) DESC, id FOR UPDATE""", (rs, n) -> new Held(rs.getObject("id", UUID.class),
                rs.getString("email")), root.get(), root.get(), root.get());
    }

    /** The customer's tickets: linked by id, or (older ones) by the address they were opened with. Deleted ones too. */
    public List<UUID> ticketsOf(UUID customerId, String email) {
        return jdbc.query("SELECT id FROM ticket WHERE customer_id = ? OR customer_email = ? ORDER BY created_at",
                (rs, n) -> rs.getObject(1, UUID.class), customerId, email == null ? "" : email);
    }

    /**
     * Tickets keep status, priority, channel, category, language, enrichment scores and times; subject, description,
     * tags, metadata (UTM, referrer), the customer's address, every message's text, HTML and attachments and the
     * audit trail's old/new values are erased.
     */
    public void eraseTickets(List<UUID> tickets) {
        if (tickets.isEmpty()) {
            return;
        }
        UUID[] ids = tickets.toArray(UUID[]::new);
        jdbc.update("""
                UPDATE message SET body_text = '', body_html = NULL, attachments = '[]'::jsonb, version = version + 1
                WHERE ticket_id = ANY(?)""", (Object) ids);
        jdbc.update("""
                UPDATE ticket SET subject = '[redacted]', description = '', tags = '{}', metadata = '{}'::jsonb,
                    customer_email = 'redacted-' || coalesce(customer_id::text, id::text) || '@redacted.invalid',
                    version = version + 1 WHERE id = ANY(?)""", (Object) ids);
        jdbc.update("UPDATE ticket_activity SET details = '{}'::jsonb WHERE ticket_id = ANY(?)", (Object) ids);
    }

    /** Name, address (a unique non-personal placeholder), phone, external ids, time zone and shop profile go. */
    public void anonymize(UUID customerId, Instant now) {
        jdbc.update("""
                UPDATE customer SET email = 'redacted-' || id || '@redacted.invalid', name = NULL, phone = NULL,
                    shopify_customer_id = NULL, gorgias_customer_id = NULL, timezone = NULL, shop_tags = '{}',
                    shop_orders_count = NULL, shop_total_spent = NULL, shop_currency = NULL, redacted_at = ?,
                    updated_at = ?, version = version + 1 WHERE id = ?""",
                Timestamp.from(now), Timestamp.from(now), customerId);
    }

    /** Published payloads about the customer and its tickets (e-mail, names, texts) leave the outbox table. */
    public void forgetPublished(UUID customerId, List<UUID> tickets) {
        List<String> keys = new ArrayList<>(tickets.stream().map(UUID::toString).toList());
        keys.add(customerId.toString());
        jdbc.update("DELETE FROM outbox WHERE aggregateid = ANY(?) AND type <> ?", keys.toArray(String[]::new),
                CustomerRedacted.TYPE);
    }

    public void recordRequest(UUID id, String kind, Subject s, UUID customerId, int customers, int tickets, String content,
            Instant now) {
        jdbc.update("""
                INSERT INTO privacy_request (id, kind, source, shop_domain, external_customer_id, request_id,
                    external_request_id, reason, customer_id, customers, tickets, content, requested_at, completed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""", id, kind, s.source(), s.shopDomain(),
                s.externalCustomerId(), s.requestId(), s.externalRequestId(), s.reason(), customerId, customers, tickets,
                content, Timestamp.from(s.requestedAt() == null ? now : s.requestedAt()), Timestamp.from(now));
    }

    /** Everything held about the customer, as JSON built by Postgres: profile, tickets with enrichment, messages. */
    public String exportContent(UUID customerId) {
        return jdbc.queryForObject("""
                SELECT jsonb_build_object(
                  'customer', (SELECT jsonb_build_object('id', c.id, 'email', c.email, 'name', c.name, 'phone', c.phone,
                       'shopifyCustomerId', c.shopify_customer_id, 'gorgiasCustomerId', c.gorgias_customer_id,
                       'language', c.language, 'timezone', c.timezone, 'preferredChannel', c.preferred_channel,
                       'tier', c.tier, 'shop', jsonb_build_object('tags', c.shop_tags, 'ordersCount', c.shop_orders_count,
                       'totalSpent', c.shop_total_spent, 'currency', c.shop_currency), 'createdAt', c.created_at,
                       'updatedAt', c.updated_at, 'lastContactAt', c.last_contact_at)
                     FROM customer c WHERE c.id = ?),
                  'mergedCustomers', coalesce((SELECT jsonb_agg(jsonb_build_object('id', m.id, 'email', m.email,
                       'name', m.name, 'phone', m.phone)) FROM customer m WHERE m.merged_into = ?), '[]'::jsonb),
                  'tickets', coalesce((SELECT jsonb_agg(jsonb_build_object('id', t.id, 'number', '#' || t.number,
                       'subject', t.subject, 'description', t.description, 'status', t.status, 'priority', t.priority,
                       'channel', t.channel, 'language', t.language, 'category', t.category, 'tags', t.tags,
                       'metadata', t.metadata, 'createdAt', t.created_at, 'updatedAt', t.updated_at,
                       'deletedAt', t.deleted_at,
                       'enrichment', jsonb_build_object('sentiment', t.sentiment, 'churnRisk', t.churn_risk,
                           'ltv', t.ltv, 'categoryConfidence', t.category_confidence, 'customerTier', t.customer_tier,
                           'enrichedAt', t.enriched_at),
                       'messages', coalesce((SELECT jsonb_agg(jsonb_build_object('id', m.id, 'authorType', m.author_type,
                           'direction', m.direction, 'internal', m.internal, 'body', m.body_text, 'html', m.body_html,
                           'attachments', m.attachments, 'createdAt', m.created_at, 'deletedAt', m.deleted_at)
                           ORDER BY m.created_at) FROM message m WHERE m.ticket_id = t.id), '[]'::jsonb))
                       ORDER BY t.created_at)
                     FROM ticket t WHERE t.customer_id = ? OR t.customer_id IN (SELECT id FROM customer WHERE merged_into = ?)),
                     '[]'::jsonb))::text""", String.class, customerId, customerId, customerId, customerId);
    }

    public List<PrivacyExport> exports(int limit) {
        return jdbc.query("SELECT * FROM privacy_request WHERE kind = 'export' ORDER BY completed_at DESC, id DESC LIMIT ?",
                (rs, n) -> map(rs, false), limit);
    }

    public Optional<PrivacyExport> export(UUID id) {
        return jdbc.query("SELECT * FROM privacy_request WHERE kind = 'export' AND id = ?", (rs, n) -> map(rs, true), id)
                .stream().findFirst();
    }

    private PrivacyExport map(ResultSet rs, boolean withContent) throws SQLException {
        String content = withContent ? rs.getString("content") : null;
        UUID customerId = rs.getObject("customer_id", UUID.class);
        return new PrivacyExport(rs.getObject("id", UUID.class), rs.getString("source"), rs.getString("shop_domain"),
                rs.getString("external_customer_id"), rs.getString("request_id"), rs.getString("external_request_id"),
                customerId, customerId != null, rs.getInt("tickets"), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("completed_at").toInstant(), content == null ? null : json.readTree(content));
    }
}
