package com.quimbi.crm.integration.product;

import java.util.List;

/** A cached Shopify product: enough for the order view and drafts to name what was bought. */
public record Product(String id, String title, String imageUrl, List<Variant> variants) {

    public record Variant(String id, String title, String sku, String price) {
    }
}
