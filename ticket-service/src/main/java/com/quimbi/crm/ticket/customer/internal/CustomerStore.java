package com.quimbi.crm.ticket.customer.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import com.quimbi.crm.platform.problem.ConflictException;
import com.quimbi.crm.contracts.Money;
import com.quimbi.crm.ticket.customer.Customer;
import com.quimbi.crm.ticket.customer.ShopProfile;
import com.quimbi.crm.contracts.customer.CustomerTier;

/** Customers in Postgres; optimistic locking by {@code version}. */
@Repository
public class CustomerStore {

    private static final String COLUMNS = """
            id, email, name, phone, shopify_customer_id, gorgias_customer_id, language, timezone, preferred_channel,
            tier, merged_into, created_at, updated_at, last_contact_at, version, shop_tags, shop_orders_count,
            shop_total_spent, shop_currency""";

    private final JdbcTemplate jdbc;

    CustomerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts unless a live customer has the email; false when it lost to one (the caller reads that one). */
    public boolean insertIfEmailFree(Customer c) {
        return jdbc.update("""
                INSERT INTO customer (id, email, name, phone, shopify_customer_id, gorgias_customer_id, language,
                  timezone, preferred_channel, tier, created_at, updated_at, last_contact_at, version, shop_tags,
                  shop_orders_count, shop_total_spent, shop_currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?::text[], ?, ?, ?)
                ON CONFLICT (email) WHERE merged_into IS NULL DO NOTHING""",
                c.id(), c.email(), c.name(), c.phone(), c.shopifyCustomerId(), c.gorgiasCustomerId(), c.language(),
                c.timezone(), c.preferredChannel(), c.tier().name().toLowerCase(Locale.ROOT), ts(c.createdAt()), ts(c.updatedAt()),
                ts(c.lastContactAt()), tags(c.shop()), c.shop().ordersCount(), amount(c.shop()), currency(c.shop())) == 1;
    }

    /** Writes the new state if nobody else did since {@code c.version()}; returns the new version. */
    public long update(Customer c) {
        int updated = jdbc.update("""
                UPDATE customer SET email = ?, name = ?, phone = ?, shopify_customer_id = ?, gorgias_customer_id = ?,
                  language = ?, timezone = ?, preferred_channel = ?, tier = ?, merged_into = ?, updated_at = ?,
                  last_contact_at = ?, shop_tags = ?::text[], shop_orders_count = ?, shop_total_spent = ?,
                  shop_currency = ?, version = version + 1
                WHERE id = ? AND version = ?""",
                c.email(), c.name(), c.phone(), c.shopifyCustomerId(), c.gorgiasCustomerId(), c.language(),
                c.timezone(), c.preferredChannel(), c.tier().name().toLowerCase(Locale.ROOT), c.mergedInto(), ts(c.updatedAt()),
                ts(c.lastContactAt()), tags(c.shop()), c.shop().ordersCount(), amount(c.shop()), currency(c.shop()),
                c.id(), c.version());
        if (updated != 1) {
            throw new ConflictException("Customer " + c.id() + " was changed concurrently; read it again and retry");
        }
        return c.version() + 1;
    }

    public Optional<Customer> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM customer WHERE id = ?", CustomerStore::map, id).stream()
                .findFirst();
    }

    public Optional<Customer> lock(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM customer WHERE id = ? FOR UPDATE", CustomerStore::map, id)
                .stream().findFirst();
    }

    /** The customer an address belongs to: the live one, else a merged-away one (the caller follows it). */
    public Optional<Customer> findByEmail(String email) {
        return jdbc.query("SELECT " + COLUMNS + " FROM customer WHERE email = ? ORDER BY merged_into NULLS FIRST LIMIT 1",
                CustomerStore::map, email).stream().findFirst();
    }

    public Optional<Customer> findByShopifyId(String shopifyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM customer WHERE shopify_customer_id = ? AND merged_into IS NULL",
                CustomerStore::map, shopifyId).stream().findFirst();
    }

    public void touchLastContact(UUID id, Instant at) {
        jdbc.update("UPDATE customer SET last_contact_at = greatest(last_contact_at, ?) WHERE id = ?", ts(at), id);
    }

    /**
     * Live customers newest first; {@code q} matches an email prefix or a name prefix (case-insensitive), both
     * served by indexes.
     */
    public List<Customer> search(String email, String q, Instant afterCreated, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM customer WHERE merged_into IS NULL");
        List<Object> args = new ArrayList<>();
        if (email != null) {
            sql.append(" AND email = ?");
            args.add(email);
        }
        if (q != null) {
            String prefix = escapeLike(q.toLowerCase(java.util.Locale.ROOT)) + "%";
            sql.append(" AND (email LIKE ? OR lower(name) LIKE ?)");
            args.add(prefix);
            args.add(prefix);
        }
        if (afterCreated != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(ts(afterCreated));
            args.add(afterId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), CustomerStore::map, args.toArray());
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Customer map(ResultSet rs, int n) throws SQLException {
        return new Customer(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
                rs.getString("phone"), rs.getString("shopify_customer_id"), rs.getString("gorgias_customer_id"),
                rs.getString("language"), rs.getString("timezone"), rs.getString("preferred_channel"),
                "vip".equals(rs.getString("tier")) ? CustomerTier.VIP : CustomerTier.STANDARD, rs.getObject("merged_into", UUID.class),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_contact_at"),
                rs.getLong("version"), shop(rs));
    }

    private static ShopProfile shop(ResultSet rs) throws SQLException {
        Array tags = rs.getArray("shop_tags");
        BigDecimal spent = rs.getBigDecimal("shop_total_spent");
        return new ShopProfile(tags == null ? List.of() : List.of((String[]) tags.getArray()),
                rs.getObject("shop_orders_count", Integer.class),
                spent == null ? null : new Money(spent.toPlainString(), rs.getString("shop_currency")));
    }

    private static String[] tags(ShopProfile shop) {
        return shop.tags().toArray(String[]::new);
    }

    private static BigDecimal amount(ShopProfile shop) {
        return shop.totalSpent() == null ? null : new BigDecimal(shop.totalSpent().amount());
    }

    private static String currency(ShopProfile shop) {
        return shop.totalSpent() == null ? null : shop.totalSpent().currency();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
