package com.quimbi.crm.integration.product.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table shopify_product: the products orders reference, from products/update or read through the Admin API. */
@Repository
public class ProductStore {

    private final JdbcTemplate jdbc;

    ProductStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(String productId, String title, String imageUrl, String variantsJson, Instant updatedAt) {
    }

    /** Stored when newer than the cached copy (or the first); false = change nothing. */
    public boolean applyIfNewer(String shop, String productId, String title, String imageUrl, String variantsJson,
            Instant updatedAt, Instant cachedAt) {
        return jdbc.update("""
                INSERT INTO shopify_product (shop_domain, product_id, title, image_url, variants, updated_at, cached_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (shop_domain, product_id) DO UPDATE SET title = EXCLUDED.title, image_url = EXCLUDED.image_url,
                    variants = EXCLUDED.variants, updated_at = EXCLUDED.updated_at, cached_at = EXCLUDED.cached_at
                WHERE shopify_product.updated_at < EXCLUDED.updated_at""",
                shop, productId, title, imageUrl, variantsJson, Timestamp.from(updatedAt), Timestamp.from(cachedAt)) == 1;
    }

    public List<Row> find(String shop, Collection<String> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT product_id, title, image_url, variants::text, updated_at FROM shopify_product
                WHERE shop_domain = ? AND product_id = ANY (?)""",
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), shop, productIds.toArray(String[]::new));
    }
}
