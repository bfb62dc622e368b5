-- Orders and products (issue 12). Ids are Shopify's numeric ids as strings (they exceed 2^53).

-- The last copy of each order applied from a webhook, as published (integration.order_synced data, without its
-- fulfillments, which live in shopify_fulfillment). Applied only when updated_at is newer.
CREATE TABLE shopify_order (
    shop_domain   varchar(255)  NOT NULL,
    order_id      varchar(64)   NOT NULL,
    customer_id   varchar(64),                     -- Shopify customer id (orders without a customer have none)
    email         varchar(320),                    -- lower-case
    created_at    timestamptz   NOT NULL,
    updated_at    timestamptz   NOT NULL,
    data          jsonb         NOT NULL,
    PRIMARY KEY (shop_domain, order_id)
);
CREATE INDEX shopify_order_customer_idx ON shopify_order (shop_domain, customer_id, created_at DESC);

-- Shipments with tracking, from the orders' fulfillments[] and fulfillments/create|update (newer updated_at wins);
-- a fulfillment may arrive before its order.
CREATE TABLE shopify_fulfillment (
    shop_domain      varchar(255)  NOT NULL,
    fulfillment_id   varchar(64)   NOT NULL,
    order_id         varchar(64)   NOT NULL,
    status           varchar(40),
    tracking_company varchar(255),
    tracking_number  varchar(255),
    tracking_url     varchar(2048),
    created_at       timestamptz,
    updated_at       timestamptz   NOT NULL,
    PRIMARY KEY (shop_domain, fulfillment_id)
);
CREATE INDEX shopify_fulfillment_order_idx ON shopify_fulfillment (shop_domain, order_id);

-- The last answer of GET /api/customers/{id}/orders fetched from Shopify: served (marked stale) when Shopify is down.
CREATE TABLE customer_orders_snapshot (
    shop_domain  varchar(255)  NOT NULL,
    customer_id  varchar(64)   NOT NULL,
    orders       jsonb         NOT NULL,
    fetched_at   timestamptz   NOT NULL,
    PRIMARY KEY (shop_domain, customer_id)
);

-- Products referenced by orders: from products/update webhooks (newer updated_at wins) or read through the Admin API.
CREATE TABLE shopify_product (
    shop_domain  varchar(255)  NOT NULL,
    product_id   varchar(64)   NOT NULL,
    title        varchar(255)  NOT NULL,
    image_url    varchar(2048),
    variants     jsonb         NOT NULL,           -- [{id, title, sku, price}]
    updated_at   timestamptz   NOT NULL,
    cached_at    timestamptz   NOT NULL,
    PRIMARY KEY (shop_domain, product_id)
);

-- CRM customers (ticket-service owns them) as crm.customer.events tell: which Shopify customer each one is.
CREATE TABLE crm_customer (
    customer_id          uuid          PRIMARY KEY,
    email                varchar(320),
    shopify_customer_id  varchar(64),
    merged_into          uuid,
    updated_at           timestamptz   NOT NULL
);
CREATE INDEX crm_customer_shopify_idx ON crm_customer (shopify_customer_id);
CREATE INDEX crm_customer_email_idx ON crm_customer (lower(email));
