package com.quimbi.crm.integration.product;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.quimbi.crm.integration.product.internal.ProductStore;
import com.quimbi.crm.integration.shopify.ShopifyClient;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Products referenced by orders (title, variant titles, SKUs, prices, image URL): kept in shopify_product,
 * refreshed by products/update webhooks (newer {@code updated_at} only) and read through the Admin API
 * ({@code nodes(ids:)}) when an order names one that is not cached.
 */
@Service
public class ProductCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProductCatalog.class);
    static final String PRODUCTS_QUERY = """
            query Products($ids: [ID!]!) {
              nodes(ids: $ids) {
                ... on Product {
                  id title updatedAt
                  featuredMedia { preview { image { url } } }
                  variants(first: 100) { nodes { id title sku price } }
                }
              }
            }""";
    private static final int MAX_IDS = 50;

    private final ProductStore store;
    private final ShopifyClient shopify;
    private final JsonMapper json;
    private final Clock clock;

    ProductCatalog(ProductStore store, ShopifyClient shopify, JsonMapper json, Clock clock) {
        this.store = store;
        this.shopify = shopify;
        this.json = json;
        this.clock = clock;
    }

    /** products/update: the REST-shaped body (id, title, updated_at, variants[], image{src} / images[]). */
    @Transactional
    public void updateFromWebhook(String shop, byte[] body) {
        JsonNode product = json.readTree(body);
        String id = id(product.path("id").asString(""));
        String title = text(product, "title");
        if (id == null || title == null) {
            throw new IllegalArgumentException("product webhook without id or title");
        }
        String image = text(product.path("image"), "src");
        if (image == null && product.path("images").isArray() && !product.path("images").isEmpty()) {
            image = text(product.path("images").path(0), "src");
        }
        List<Product.Variant> variants = new ArrayList<>();
        product.path("variants").forEach(v -> variants.add(new Product.Variant(id(v.path("id").asString("")),
                text(v, "title"), text(v, "sku"), text(v, "price"))));
        Instant updatedAt = instant(text(product, "updated_at"));
        save(shop, new Product(id, title, image, variants), updatedAt);
    }

    /**
     * The products with these ids: cached ones from the table, the others read through the Admin API (and
     * cached). {@code fetchMissing} false (Shopify is down): only what is cached.
     */
    @Transactional
    public Map<String, Product> products(String shop, String accessToken, Collection<String> ids, boolean fetchMissing) {
        Set<String> wanted = new LinkedHashSet<>(ids);
        wanted.remove(null);
        Map<String, Product> found = new HashMap<>();
        for (ProductStore.Row row : store.find(shop, wanted)) {
            found.put(row.productId(), new Product(row.productId(), row.title(), row.imageUrl(),
                    json.readValue(row.variantsJson(), new TypeReference<List<Product.Variant>>() { })));
        }
        List<String> missing = wanted.stream().filter(id -> !found.containsKey(id)).limit(MAX_IDS).toList();
        if (!fetchMissing || missing.isEmpty() || accessToken == null) {
            return found;
        }
        List<String> gids = missing.stream().map(id -> "gid://shopify/Product/" + id).toList();
        JsonNode nodes = shopify.query(shop, accessToken, PRODUCTS_QUERY, Map.of("ids", gids)).data().path("nodes");
        for (JsonNode node : nodes) {
            String id = id(node.path("id").asString(""));
            String title = text(node, "title");
            if (id == null || title == null) {
                continue; // deleted product: null node
            }
            List<Product.Variant> variants = new ArrayList<>();
            node.path("variants").path("nodes").forEach(v -> variants.add(new Product.Variant(
                    id(v.path("id").asString("")), text(v, "title"), text(v, "sku"), text(v, "price"))));
            Product product = new Product(id, title,
                    text(node.path("featuredMedia").path("preview").path("image"), "url"), variants);
            save(shop, product, instant(text(node, "updatedAt")));
            found.put(id, product);
        }
        log.debug("Read {} of {} products of {} through the Admin API", nodes.size(), missing.size(), shop);
        return found;
    }

    private void save(String shop, Product p, Instant updatedAt) {
        store.applyIfNewer(shop, p.id(), cut(p.title(), 255), cut(p.imageUrl(), 2048),
                json.writeValueAsString(p.variants()), updatedAt != null ? updatedAt : clock.instant(), clock.instant());
    }

    private static String id(String raw) {
        String id = raw.substring(raw.lastIndexOf('/') + 1);
        return id.isEmpty() ? null : id;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
