-- Privacy requests from the shops (crm.integration.events): customer redactions and data exports, recorded even
-- when the customer is unknown here. An export's content is everything held about the customer, for an admin.
ALTER TABLE customer ADD COLUMN redacted_at timestamptz;

CREATE TABLE privacy_request (
    id                   uuid          PRIMARY KEY,
    kind                 varchar(16)   NOT NULL,     -- redaction | export
    source               varchar(16)   NOT NULL,     -- shopify
    shop_domain          varchar(255)  NOT NULL,
    external_customer_id varchar(64)   NOT NULL,
    request_id           varchar(64),                -- integration-service's request id
    external_request_id  varchar(64),                -- the shop's own (Shopify data_request.id)
    reason               varchar(32),                -- redaction: customer_redact | shop_redact
    customer_id          uuid,                       -- null: nobody matched (recorded anyway)
    customers            integer       NOT NULL DEFAULT 0,
    tickets              integer       NOT NULL DEFAULT 0,
    content              jsonb,                      -- export only
    requested_at         timestamptz   NOT NULL,
    completed_at         timestamptz   NOT NULL
);
CREATE INDEX privacy_request_kind_idx ON privacy_request (kind, completed_at DESC, id DESC);
