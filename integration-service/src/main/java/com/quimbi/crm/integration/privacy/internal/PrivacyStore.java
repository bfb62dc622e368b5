package com.quimbi.crm.integration.privacy.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.contracts.integration.CustomerSynced;
import com.quimbi.crm.contracts.integration.MessageImported;
import com.quimbi.crm.contracts.integration.TicketImported;
import com.quimbi.crm.contracts.integration.OrderSynced;

/**
 * The privacy requests, and the one place that knows every table of integration-service holding something about a
 * shop's customer or the shop itself. A new per-customer or per-shop table (orders, products …) is erased here.
 */
@Repository
public class PrivacyStore {

    private static final byte[] EMPTY = new byte[0];

    private final JdbcTemplate jdbc;

    PrivacyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False when this receipt's request was already recorded (nothing more to do). */
    public boolean record(UUID id, UUID receiptId, String shop, String topic, String customerId, String externalRequestId,
            Instant at) {
        return jdbc.update("""
                INSERT INTO privacy_request (id, receipt_id, shop_domain, topic, customer_id, external_request_id, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (receipt_id) DO NOTHING""",
                id, receiptId, shop, topic, customerId, externalRequestId, Timestamp.from(at)) == 1;
    }

    public void countCustomers(UUID id, int customers) {
        jdbc.update("UPDATE privacy_request SET customers = ? WHERE id = ?", customers, id);
    }

    /** The shop's customers integration-service knows (synced or seen in a webhook), deleted ones included. */
    public List<String> customersOf(String shop) {
        return jdbc.queryForList("SELECT customer_id FROM shopify_customer WHERE shop_domain = ? ORDER BY customer_id",
                String.class, shop);
    }

    /**
     * Everything kept about one customer of a shop: the applied-update mark, the bodies of webhook receipts about
     * it (customers/*: the body's top-level id; the privacy receipts name it as customer.id), the customer's
     * customer_synced payloads still in the outbox (already relayed: Debezium reads the write-ahead log) and the
     * customer's orders (copies, fulfillments, the last orders answer, order_synced payloads).
     */
    public void eraseCustomer(String shop, String customerId) {
        jdbc.update("DELETE FROM shopify_customer WHERE shop_domain = ? AND customer_id = ?", shop, customerId);
        List<UUID> receipts = jdbc.query("""
                SELECT id, body FROM webhook_receipt WHERE shop_domain = ? AND topic LIKE 'customers/%'
                   AND position(convert_to(?, 'UTF8') IN body) > 0""",
                (rs, n) -> ReceiptBodies.mentions(rs.getBytes("body"), customerId) ? rs.getObject("id", UUID.class) : null,
                shop, customerId).stream().filter(java.util.Objects::nonNull).toList();
        for (UUID receipt : receipts) {
            jdbc.update("UPDATE webhook_receipt SET body = ? WHERE id = ?", EMPTY, receipt);
        }
        jdbc.update("DELETE FROM outbox WHERE aggregatetype = ? AND aggregateid = ? AND type = ?",
                CustomerSynced.AGGREGATE, customerId, CustomerSynced.TYPE);
        // the customer's orders: their stored copies, fulfillments, the last orders answer and unrelayed payloads
        List<String> orders = jdbc.queryForList("SELECT order_id FROM shopify_order WHERE shop_domain = ? AND customer_id = ?",
                String.class, shop, customerId);
        for (String order : orders) {
            jdbc.update("DELETE FROM shopify_fulfillment WHERE shop_domain = ? AND order_id = ?", shop, order);
            jdbc.update("DELETE FROM outbox WHERE aggregatetype = ? AND aggregateid = ? AND type = ?",
                    OrderSynced.AGGREGATE, order, OrderSynced.TYPE);
        }
        jdbc.update("DELETE FROM shopify_order WHERE shop_domain = ? AND customer_id = ?", shop, customerId);
        jdbc.update("DELETE FROM customer_orders_snapshot WHERE shop_domain = ? AND customer_id = ?", shop, customerId);
    }

    /** The address integration-service last learnt for a CRM customer (null: none, or already erased). */
    public String crmCustomerEmail(UUID customerId) {
        return jdbc.query("SELECT email FROM crm_customer WHERE customer_id = ?", (rs, n) -> rs.getString(1), customerId)
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /**
     * customer.redacted, the e-mail channel: every inbound mail from one of these address hashes (SHA-256 of the
     * lower-case address) and every mail of the e-mail tickets with such a customer address — raw mail erased
     * (the row stays as the Message-ID dedupe memory; an unprocessed one is closed), attachments deleted — the
     * tickets' customer address and subject, the bodies of our replies on them, and their ticket_imported /
     * message_imported payloads still in the outbox. Returns how many mails were erased.
     */
    public int eraseMail(java.util.Collection<String> emailHashes) {
        if (emailHashes.isEmpty()) {
            return 0;
        }
        String in = String.join(",", java.util.Collections.nCopies(emailHashes.size(), "?"));
        Object[] hashes = emailHashes.toArray();
        List<UUID> tickets = jdbc.queryForList("""
                SELECT ticket_id FROM mail_ticket WHERE customer_email IS NOT NULL
                   AND encode(sha256(convert_to(lower(trim(customer_email)), 'UTF8')), 'hex') IN (%s)""".formatted(in),
                UUID.class, hashes);
        List<UUID> mails = new java.util.ArrayList<>(jdbc.queryForList(
                "SELECT id FROM inbound_mail WHERE sender_sha256 IN (%s)".formatted(in), UUID.class, hashes));
        for (UUID ticket : tickets) {
            mails.addAll(jdbc.queryForList("SELECT id FROM inbound_mail WHERE ticket_id = ?", UUID.class, ticket));
            jdbc.update("DELETE FROM mail_attachment WHERE ticket_id = ?", ticket);
            jdbc.update("UPDATE outbound_mail SET body_text = '' WHERE ticket_id = ?", ticket);
            jdbc.update("UPDATE mail_ticket SET customer_email = NULL, subject = NULL, closed = true WHERE ticket_id = ?",
                    ticket);
            // the aggregate id InboundProcessor gives e-mail imports
            jdbc.update("DELETE FROM outbox WHERE aggregatetype = ? AND aggregateid = ? AND type IN (?, ?)",
                    TicketImported.AGGREGATE, "email:" + ticket, TicketImported.TYPE, MessageImported.TYPE);
        }
        List<UUID> distinct = mails.stream().distinct().toList();
        for (UUID mail : distinct) {
            jdbc.update("DELETE FROM mail_attachment WHERE inbound_mail_id = ?", mail);
            jdbc.update("""
                    UPDATE inbound_mail SET raw = NULL, last_error = 'erased: customer redacted',
                           status = CASE WHEN status = 'received' THEN 'ignored' ELSE status END WHERE id = ?""", mail);
        }
        return distinct.size();
    }

    /**
     * Everything of a shop: its row (credentials included), customers, orders and products, sync jobs and cursors, OAuth states and the
     * bodies of all its webhook receipts (the rows stay as the dedupe memory; pending ones are closed, there is
     * nothing left to process).
     */
    public void eraseShop(String shop, Instant now) {
        for (String customer : customersOf(shop)) {
            eraseCustomer(shop, customer);
        }
        jdbc.update("""
                UPDATE webhook_receipt SET body = ?, status = CASE WHEN status = 'pending' THEN 'done' ELSE status END,
                    processed_at = coalesce(processed_at, ?) WHERE shop_domain = ?""", EMPTY, Timestamp.from(now), shop);
        jdbc.update("DELETE FROM shopify_fulfillment WHERE shop_domain = ?", shop);
        jdbc.update("DELETE FROM shopify_order WHERE shop_domain = ?", shop);
        jdbc.update("DELETE FROM customer_orders_snapshot WHERE shop_domain = ?", shop);
        jdbc.update("DELETE FROM shopify_product WHERE shop_domain = ?", shop);
        jdbc.update("DELETE FROM sync_job WHERE shop_domain = ?", shop);
        jdbc.update("DELETE FROM oauth_state WHERE shop_domain = ?", shop);
        jdbc.update("DELETE FROM shopify_customer WHERE shop_domain = ?", shop);
        jdbc.update("DELETE FROM shop WHERE domain = ?", shop);
    }
}
