-- Shopify's mandatory privacy topics (customers/data_request, customers/redact, shop/redact): one row per request,
-- the proof that it was received and passed on. No e-mail or phone here: the identity travels in the event only.
-- (V3, not V2: the orders/products migration of issue 12 takes V2.)
CREATE TABLE privacy_request (
    id                  uuid          PRIMARY KEY,
    receipt_id          uuid          NOT NULL UNIQUE,  -- the webhook receipt it came from (processed once)
    shop_domain         varchar(255)  NOT NULL,
    topic               varchar(32)   NOT NULL,         -- customers/data_request | customers/redact | shop/redact
    customer_id         varchar(64),                    -- the shop's customer id (null for shop/redact)
    external_request_id varchar(64),                    -- Shopify's data_request.id
    customers           integer       NOT NULL DEFAULT 0, -- redaction/data requests published for it
    received_at         timestamptz   NOT NULL
);
CREATE INDEX privacy_request_shop_idx ON privacy_request (shop_domain, received_at DESC);
