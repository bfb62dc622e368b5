package com.quimbi.crm.integration.customer.internal;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The newest Shopify {@code updated_at} applied per customer. */
@Repository
public class CustomerStore {

    private final JdbcTemplate jdbc;

    CustomerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code updatedAt} when it is newer than the stored one (or the first); false = stale, change nothing. */
    public boolean applyIfNewer(String shop, String customerId, Instant updatedAt) {
        return jdbc.update("""
                INSERT INTO shopify_customer (shop_domain, customer_id, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (shop_domain, customer_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, deleted = false
                WHERE shopify_customer.updated_at < EXCLUDED.updated_at AND NOT shopify_customer.deleted""",
                shop, customerId, Timestamp.from(updatedAt)) == 1;
    }

    public void markDeleted(String shop, String customerId, Instant at) {
        jdbc.update("""
                INSERT INTO shopify_customer (shop_domain, customer_id, updated_at, deleted) VALUES (?, ?, ?, true)
                ON CONFLICT (shop_domain, customer_id) DO UPDATE SET deleted = true""",
                shop, customerId, Timestamp.from(at));
    }
}
