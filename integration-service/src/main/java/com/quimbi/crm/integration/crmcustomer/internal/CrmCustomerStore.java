package com.quimbi.crm.integration.crmcustomer.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table crm_customer: CRM customer id → e-mail and Shopify customer id, from crm.customer.events. */
@Repository
public class CrmCustomerStore {

    private final JdbcTemplate jdbc;

    CrmCustomerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(UUID customerId, String email, String shopifyCustomerId, UUID mergedInto) {
    }

    public void upsert(UUID customerId, String email, String shopifyCustomerId, Instant at) {
        jdbc.update("""
                INSERT INTO crm_customer (customer_id, email, shopify_customer_id, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET email = COALESCE(EXCLUDED.email, crm_customer.email),
                    shopify_customer_id = COALESCE(EXCLUDED.shopify_customer_id, crm_customer.shopify_customer_id),
                    updated_at = EXCLUDED.updated_at""", customerId, email, shopifyCustomerId, Timestamp.from(at));
    }

    /** customer.redacted: the address and the Shopify link go; the row stays so a merge chain still resolves. */
    public void erase(UUID customerId, Instant at) {
        jdbc.update("UPDATE crm_customer SET email = NULL, shopify_customer_id = NULL, updated_at = ? WHERE customer_id = ?",
                Timestamp.from(at), customerId);
    }

    public void markMerged(UUID source, UUID target, Instant at) {
        jdbc.update("""
                INSERT INTO crm_customer (customer_id, merged_into, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET merged_into = EXCLUDED.merged_into, updated_at = EXCLUDED.updated_at""",
                source, target, Timestamp.from(at));
    }

    public Optional<Row> find(UUID customerId) {
        return jdbc.query("SELECT customer_id, email, shopify_customer_id, merged_into FROM crm_customer WHERE customer_id = ?",
                (rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class)),
                customerId).stream().findFirst();
    }

    /** CRM customers that are this Shopify customer (by id, or by e-mail when they carry no Shopify id). */
    public List<UUID> idsOf(String shopifyCustomerId, String email) {
        return jdbc.queryForList("""
                SELECT customer_id FROM crm_customer WHERE (shopify_customer_id IS NOT NULL AND shopify_customer_id = ?)
                   OR (? IS NOT NULL AND lower(email) = lower(?))""", UUID.class, shopifyCustomerId, email, email);
    }

    /** The shop a Shopify customer was synced from (integration-service's own shopify_customer table). */
    public Optional<String> shopOfShopifyCustomer(String shopifyCustomerId) {
        return jdbc.queryForList("SELECT shop_domain FROM shopify_customer WHERE customer_id = ? AND NOT deleted LIMIT 1",
                String.class, shopifyCustomerId).stream().findFirst();
    }

    public List<String> connectedShops() {
        return jdbc.queryForList("SELECT domain FROM shop WHERE status = 'connected' ORDER BY domain", String.class);
    }
}
